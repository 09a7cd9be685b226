package io.jotter.scheduler.queue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A sorted set that also answers "how many come before this one" in logarithmic time: a treap whose nodes count
 * their subtree. A queue of tens of thousands must tell every waiting user their position, live, without walking
 * the queue; {@link java.util.TreeSet} cannot.
 *
 * <p>Elements must not change their order while in the set: remove, change, add again.
 */
final class RankedSet<E> {
    private final Comparator<? super E> order;
    // Fixed seed: the tree's shape does not depend on the run, so a benchmark repeats.
    private final SplittableRandom random = new SplittableRandom(0x5EED);
    private Node<E> root;

    RankedSet(Comparator<? super E> order) {
        this.order = order;
    }

    private static final class Node<E> {
        final E value;
        final int weight;
        Node<E> left;
        Node<E> right;
        int size = 1;

        Node(E value, int weight) {
            this.value = value;
            this.weight = weight;
        }
    }

    int size() {
        return size(root);
    }

    boolean isEmpty() {
        return root == null;
    }

    /** Adds {@code value}; it must not be in the set already. */
    void add(E value) {
        root = insert(root, new Node<>(value, random.nextInt()));
    }

    /** Removes {@code value}; whether it was there. */
    boolean remove(E value) {
        int before = size();
        root = delete(root, value);
        return size() < before;
    }

    /** The first element, or {@code null} when empty. */
    E first() {
        Node<E> node = root;
        if (node == null) {
            return null;
        }
        while (node.left != null) {
            node = node.left;
        }
        return node.value;
    }

    /** How many elements come before {@code value} (which must be in the set): 0 for the first. */
    int rank(E value) {
        int rank = 0;
        Node<E> node = root;
        while (node != null) {
            int c = order.compare(value, node.value);
            if (c < 0) {
                node = node.left;
            } else if (c > 0) {
                rank += size(node.left) + 1;
                node = node.right;
            } else {
                return rank + size(node.left);
            }
        }
        throw new IllegalArgumentException("not in the set: " + value);
    }

    /** The elements in order; for tests and small sets. */
    List<E> toList() {
        List<E> out = new ArrayList<>(size());
        collect(root, out);
        return out;
    }

    private void collect(Node<E> node, List<E> out) {
        if (node != null) {
            collect(node.left, out);
            out.add(node.value);
            collect(node.right, out);
        }
    }

    private static int size(Node<?> node) {
        return node == null ? 0 : node.size;
    }

    private static <E> Node<E> fix(Node<E> node) {
        node.size = 1 + size(node.left) + size(node.right);
        return node;
    }

    private Node<E> insert(Node<E> node, Node<E> fresh) {
        if (node == null) {
            return fresh;
        }
        int c = order.compare(fresh.value, node.value);
        if (c == 0) {
            throw new IllegalArgumentException("already in the set: " + fresh.value);
        }
        if (c < 0) {
            node.left = insert(node.left, fresh);
            if (node.left.weight > node.weight) {
                return rotateRight(node);
            }
        } else {
            node.right = insert(node.right, fresh);
            if (node.right.weight > node.weight) {
                return rotateLeft(node);
            }
        }
        return fix(node);
    }

    private Node<E> delete(Node<E> node, E value) {
        if (node == null) {
            return null;
        }
        int c = order.compare(value, node.value);
        if (c < 0) {
            node.left = delete(node.left, value);
        } else if (c > 0) {
            node.right = delete(node.right, value);
        } else {
            return merge(node.left, node.right);
        }
        return fix(node);
    }

    private Node<E> merge(Node<E> left, Node<E> right) {
        if (left == null) {
            return right;
        }
        if (right == null) {
            return left;
        }
        if (left.weight > right.weight) {
            left.right = merge(left.right, right);
            return fix(left);
        }
        right.left = merge(left, right.left);
        return fix(right);
    }

    private static <E> Node<E> rotateRight(Node<E> node) {
        Node<E> left = node.left;
        node.left = left.right;
        left.right = fix(node);
        return fix(left);
    }

    private static <E> Node<E> rotateLeft(Node<E> node) {
        Node<E> right = node.right;
        node.right = right.left;
        right.left = fix(node);
        return fix(right);
    }
}
