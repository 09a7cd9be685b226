package io.jotter.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tensorflow.EagerSession;
import org.tensorflow.op.Ops;

/** On this machine's CPU build: the devices TensorFlow lists, where eager values ran, and pinning. */
class TensorsTest {
    @Test
    void listsTheCpuAndNoGpuOnTheCpuBuild() {
        var devices = Tensors.devices();
        assertEquals("CPU:0", devices.get(0).name());
        assertEquals("CPU", devices.get(0).type());
        assertTrue(devices.get(0).fullName().endsWith("/device:CPU:0"), devices.get(0).fullName());
        assertFalse(Tensors.hasGpu(), "the CPU build sees no GPU: " + devices);
    }

    @Test
    void anEagerValueSaysWhereItRanAndPinningKeepsItThere() {
        try (EagerSession session = EagerSession.create()) {
            Ops tf = Ops.create(session);
            var sum = tf.math.add(tf.constant(1f), tf.constant(2f));
            assertEquals("CPU:0", Tensors.deviceOf(sum));
            var pinned = Tensors.on("/CPU:0", tf);
            var product = pinned.math.mul(pinned.constant(3f), pinned.constant(4f));
            assertEquals("CPU:0", Tensors.deviceOf(product));
            assertEquals(12f, product.asTensor().getFloat());
        }
    }

    @Test
    void pinningToAMissingOrMisspeltDeviceSaysWhy() {
        try (EagerSession session = EagerSession.create()) {
            Ops tf = Ops.create(session);
            var missing = assertThrows(IllegalArgumentException.class, () -> Tensors.on("/GPU:0", tf));
            assertEquals("this kernel has no device GPU:0; TensorFlow sees [CPU:0] (a GPU needs a GPU runtime:"
                    + " Runtime → Change runtime type)", missing.getMessage());
            var misspelt = assertThrows(IllegalArgumentException.class, () -> Tensors.on("gpu0", tf));
            assertEquals("'gpu0' is not a device name: write /GPU:0 or /CPU:0", misspelt.getMessage());
        }
    }

    @Test
    void shortensTensorFlowsLongNames() {
        assertEquals("GPU:1", Tensors.shortName("/job:localhost/replica:0/task:0/device:GPU:1"));
    }
}
