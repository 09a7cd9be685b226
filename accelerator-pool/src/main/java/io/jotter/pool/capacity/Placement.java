package io.jotter.pool.capacity;

/**
 * Where one runtime was put: the node and the slots it holds there. Given back to {@link CapacityPool#release}.
 *
 * @param node the node's name
 * @param runtimeType the type placed
 * @param slots the slots it holds on that node
 */
public record Placement(String node, String runtimeType, int slots) {
}
