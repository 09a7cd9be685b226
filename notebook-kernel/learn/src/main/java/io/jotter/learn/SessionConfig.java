package io.jotter.learn;

import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * The configuration of every session this package opens. Nothing pins a device: TensorFlow places
 * each operation, on the GPU when the GPU build of TensorFlow is loaded and sees one, else on the CPU.
 */
final class SessionConfig {
    private static final ConfigProto GPU_READY = ConfigProto.newBuilder()
            // An op with no GPU kernel for its type runs on the CPU instead of failing the session.
            .setAllowSoftPlacement(true)
            // Take GPU memory as the model needs it, not all of it at the first session: other
            // models, cells and kernels share the card. (TensorFlow applies the first session's choice to the process.)
            .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true))
            .build();

    private SessionConfig() {
    }

    static ConfigProto gpuReady() {
        return GPU_READY;
    }
}
