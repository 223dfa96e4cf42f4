"""Random sequences of edits, undos and redos: model, store and a restart agree, and an undo
brings the whole store back (every table, compared with ``iterdump()``) to what it was."""
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from PySide6.QtWidgets import QApplication

from editing.plan_editor import PlanEditor
from models.domain import Node, Plan, Status
from models.store import ProgressEntry, Store
from helpers.store_dump import whole_store

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
        plan = Plan(title="随机", roots=[Node(text="A", lead=["市财政局"], children=[Node(text="A1")]), Node(text="B")])
        self.store.save_plan(plan)
        for node, _ in plan.walk():  # reports from returned sheets, which a deletion takes along
            self.store.add_progress(ProgressEntry.new(node.id, "市财政局", "第1轮", "推进中", f"{node.text}进展", "2024-06-30"))
        self.editor = PlanEditor(self.store)
        self.editor.open_plan(plan.id)
        self.states = {0: whole_store(self.store)}  # stack index → the whole store at that point

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

    @invariant()
    def track_new_commands(self):
        """A new command makes a new state at its index; the states after it are gone."""
        if not hasattr(self, "editor"):
            return
        stack = self.editor.stack
        commands = [stack.command(i) for i in range(stack.count())]
        if commands != getattr(self, "commands", []):
            self.states = {i: s for i, s in self.states.items() if i < stack.index()}
            self.states[stack.index()] = whole_store(self.store)
        self.commands = commands

    @rule()
    def undo(self):
        self.editor.stack.undo()
        index = self.editor.stack.index()
        assert whole_store(self.store) == self.states[index]

    @rule()
    def redo(self):
        self.editor.stack.redo()
        self.states[self.editor.stack.index()] = whole_store(self.store)

    @invariant()
    def model_matches_store(self):
        if hasattr(self, "editor"):
            assert snapshot(self.store.load_plan(self.editor.plan_id)) == snapshot(self.editor.model.plan)


EditingMachine.TestCase.settings = settings(
    max_examples=40, stateful_step_count=25, deadline=None, suppress_health_check=list(HealthCheck)
)
TestEditing = EditingMachine.TestCase
