/**
 * Machine learning for beginners, Keras-style, on TensorFlow Java: {@link Sequential} models of
 * {@link Dense}, {@link Conv2D}, {@link MaxPooling2D}, {@link Flatten} and {@link Dropout} layers,
 * trained with TensorFlow's own gradients and the {@code tensorflow-framework} optimizers and
 * losses; {@link Datasets} shipped with Jotter; SavedModel export and load.
 *
 * <p>Every cell can {@code import io.jotter.learn.*}: the kernel ships this module on its
 * classpath. The module must not depend on the kernel (the kernel depends on it); it shows
 * progress and charts through the kernel's {@code Notebook} API, found by name at run time
 * ({@link NotebookOutput}), and prints plain text when there is no kernel.
 *
 * <p>Models are TensorFlow graphs run by a {@code Session} ({@link SessionConfig}: soft placement,
 * GPU memory taken as needed): TensorFlow places the operations, on a GPU when it sees one, and
 * nothing here pins a device. {@link Precision} is compile's mixed-precision option (float16 or
 * bfloat16 layers, float32 weights; loss scaling for float16 in {@link OptimizerStep}). Nothing
 * here does matrix arithmetic or differentiation in Java.
 */
package io.jotter.learn;
