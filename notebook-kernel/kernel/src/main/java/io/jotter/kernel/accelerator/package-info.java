/**
 * Which accelerator this kernel was started for ({@code JOTTER_ACCELERATOR}, set by the server from the runtime
 * type) and, for a GPU runtime, the check that TensorFlow really computes on a GPU here before the kernel answers
 * anyone. The choice of TensorFlow's native build is made before the JVM starts (bin/jotter-kernel); nothing here
 * loads TensorFlow on a CPU runtime.
 */
package io.jotter.kernel.accelerator;
