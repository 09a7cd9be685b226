package io.jotter.kernel.display;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Type tests by class name. {@code instanceof org.tensorflow.Tensor} would load TensorFlow's
 * classes (and with them its native library) for every value shown; comparing the names in
 * the value's own hierarchy loads nothing new.
 */
final class TypeNames {
    private TypeNames() {
    }

    /** Whether {@code type}, a superclass or any interface it implements is named {@code name}. */
    static boolean isA(Class<?> type, String name) {
        Deque<Class<?>> pending = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        pending.push(type);
        while (!pending.isEmpty()) {
            Class<?> current = pending.pop();
            if (!seen.add(current)) {
                continue;
            }
            if (current.getName().equals(name)) {
                return true;
            }
            if (current.getSuperclass() != null) {
                pending.push(current.getSuperclass());
            }
            for (Class<?> implemented : current.getInterfaces()) {
                pending.push(implemented);
            }
        }
        return false;
    }
}
