"""Random sequences of edits, undos and redos: model, store and a restart agree."""
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from PySide6.QtWidgets import QApplication

from editing.plan_editor import PlanEditor
from models.domain import Node, Plan, Status
from models.store import Store

UNITS = ["市财政局", "市住建局", "市教育局", "各县（市、区）"]


def snapshot(plan):
    return [(n.id, d, n.text, n.lead, n.responsible, n.deadline, n.status) for n, d in plan.walk()]


class EditingMachine(RuleBasedStateMachine):
    @initialize()
    def start(self):
        QApplication.instance() or QApplication([])
        self.dir = tempfile.TemporaryDirectory()
        self.path = Path(self.dir.name) / "sm.sqlite"
        self.store = Store(self.path)
        plan = Plan(title="随机", roots=[Node(text="A", children=[Node(text="A1")]), Node(text="B")])
        self.store.save_plan(plan)
        self.editor = PlanEditor(self.store)
        self.editor.open_plan(plan.id)

    def teardown(self):
        if hasattr(self, "store"):
            plan_id = self.editor.plan_id
            expected = snapshot(self.editor.model.plan)
            self.store.close()
            with Store(self.path) as again:  # a restart reads back the same tree
                assert snapshot(again.load_plan(plan_id)) == expected
            self.dir.cleanup()

    def ids(self):
        return [n.id for n, _ in self.editor.model.plan.walk()]

    @rule(data=st.data(), text=st.text(max_size=5))
    def add_sibling(self, data, text):
        ids = self.ids()
        target = data.draw(st.sampled_from(ids)) if ids else None
        self.editor.add_sibling(target, text)

    @precondition(lambda self: self.ids())
    @rule(data=st.data(), text=st.text(max_size=5))
    def add_child(self, data, text):
        self.editor.add_child(data.draw(st.sampled_from(self.ids())), text)

    @precondition(lambda self: self.ids())
    @rule(data=st.data())
    def delete(self, data):
        self.editor.delete_nodes(data.draw(st.lists(st.sampled_from(self.ids()), min_size=1, max_size=3)))

    @precondition(lambda self: self.ids())
    @rule(data=st.data(), op=st.sampled_from(["indent", "outdent", "move_up", "move_down"]))
    def restructure(self, data, op):
        getattr(self.editor, op)(data.draw(st.lists(st.sampled_from(self.ids()), min_size=1, max_size=2)))

    @precondition(lambda self: self.ids())
    @rule(data=st.data())
    def drag_and_drop(self, data):
        ids = self.ids()
        moved = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2))
        parent = data.draw(st.none() | st.sampled_from(ids))
        count = len(self.editor.model.children_of(self.editor.model.node_by_id(parent) if parent else None))
        self.editor.move_nodes(moved, parent, data.draw(st.integers(0, count)))

    @precondition(lambda self: self.ids())
    @rule(data=st.data(), text=st.text(max_size=5), lead=st.lists(st.sampled_from(UNITS), max_size=2, unique=True),
          status=st.sampled_from(list(Status)))
    def edit(self, data, text, lead, status):
        self.editor.set_fields(data.draw(st.sampled_from(self.ids())), text=text, lead=lead, status=status)

    @rule()
    def undo(self):
        self.editor.stack.undo()

    @rule()
    def redo(self):
        self.editor.stack.redo()

    @invariant()
    def model_matches_store(self):
        if hasattr(self, "editor"):
            assert snapshot(self.store.load_plan(self.editor.plan_id)) == snapshot(self.editor.model.plan)


EditingMachine.TestCase.settings = settings(
    max_examples=40, stateful_step_count=25, deadline=None, suppress_health_check=list(HealthCheck)
)
TestEditing = EditingMachine.TestCase
