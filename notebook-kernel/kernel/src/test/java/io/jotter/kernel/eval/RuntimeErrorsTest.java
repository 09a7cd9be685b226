package io.jotter.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Errors said in a user's words before TensorFlow's. */
class RuntimeErrorsTest {
    private static final String OOM = "org.tensorflow.exceptions.TFResourceExhaustedException";

    @Test
    void aGpuOutOfMemoryIsSaidPlainlyFirst() {
        String tensorflow = "OOM when allocating tensor with shape[65536,65536] and type float on"
                + " /job:localhost/replica:0/task:0/device:GPU:0 by allocator GPU_0_bfc";
        assertEquals("Out of memory on GPU:0: free tensors you no longer need (close() them), use smaller batches, or"
                + " restart the kernel to give all of its memory back. TensorFlow said: " + tensorflow,
                RuntimeErrors.explained(OOM, tensorflow));
    }

    @Test
    void otherErrorsKeepTheirMessage() {
        assertEquals("Incompatible shapes: [2] vs. [3]",
                RuntimeErrors.explained("org.tensorflow.exceptions.TFInvalidArgumentException",
                        "Incompatible shapes: [2] vs. [3]"));
        assertEquals("quota exceeded", RuntimeErrors.explained(OOM, "quota exceeded"));
    }
}
