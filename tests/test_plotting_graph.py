"""course_utils.plotting.plot_computation_graph (lessons 05 and 06, issue 13): one box per node, arrows both ways."""
import pytest

from course_utils.plotting import plot_computation_graph


def test_a_graph_draws_one_box_per_node_and_a_forward_and_backward_arrow_per_edge(ax):
    nodes = {"w": (0.0, 0.0, "w\n0.3"), "z": (2.0, 0.0, "z\n1.1"), "L": (4.0, 0.0, "L\n0.06")}
    boxes, arrows = plot_computation_graph(nodes, [("w", "z", "× x"), ("z", "L"), ("L", "w", None, False)], ax=ax, title="graph")
    assert sorted(boxes) == ["L", "w", "z"] and boxes["z"].get_text() == "z\n1.1"
    assert len(arrows) == 5  # two edges both ways, the last forward only
    assert ax.get_title() == "graph" and not ax.axison
    assert any(text.get_text() == "× x" for text in ax.texts)


def test_an_edge_to_an_unknown_node_is_refused(ax):
    with pytest.raises(ValueError, match="unknown \\['y'\\]"):
        plot_computation_graph({"w": (0.0, 0.0, "w")}, [("w", "y")], ax=ax)
