package io.jotter.scheduler.kubernetes;

import io.jotter.pool.catalog.AcceleratorKind;
import io.jotter.pool.catalog.RuntimeType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a kernel pod's environment says about its accelerator, following the NVIDIA device plugin's and container
 * toolkit's conventions. A GPU pod gets {@code NVIDIA_DRIVER_CAPABILITIES=compute,utility}, so the NVIDIA container
 * runtime mounts the node driver's libcuda and nvidia-smi, and no {@code NVIDIA_VISIBLE_DEVICES}: the device plugin
 * sets that to the GPU it allocated. Any other pod gets {@code NVIDIA_VISIBLE_DEVICES=void}, so a kernel placed on
 * a GPU node never sees the node's GPUs. Every pod gets {@value #ACCELERATOR_ENV}, which tells the kernel which
 * TensorFlow build to load.
 */
final class AcceleratorEnvironment {
    /** The kernel's accelerator: {@code cpu}, {@code gpu} or {@code tpu}. */
    static final String ACCELERATOR_ENV = "JOTTER_ACCELERATOR";
    static final String VISIBLE_DEVICES_ENV = "NVIDIA_VISIBLE_DEVICES";
    static final String DRIVER_CAPABILITIES_ENV = "NVIDIA_DRIVER_CAPABILITIES";
    /**
     * The NVIDIA container toolkit's value for "neither GPUs nor driver": set, it replaces a CUDA base image's own
     * {@code all}, which would show a pod without a GPU limit every GPU of its node.
     */
    static final String NO_DEVICES = "void";
    /** The driver's parts CUDA needs: compute (libcuda) and utility (nvidia-smi, NVML). */
    static final String CAPABILITIES = "compute,utility";
    /** Variables only this class sets in a pod; a request's values for them are not passed on. */
    static final Set<String> NAMES = Set.of(ACCELERATOR_ENV, VISIBLE_DEVICES_ENV, DRIVER_CAPABILITIES_ENV);

    private AcceleratorEnvironment() {
    }

    /**
     * The variables for a pod of this type. {@value #ACCELERATOR_ENV} is the request's where it names one (the
     * server's word: a GPU type standing in for a CPU one runs TensorFlow's CPU build), else the type's kind.
     */
    static Map<String, String> of(RuntimeType type, Map<String, String> requestEnv) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ACCELERATOR_ENV, requestEnv.getOrDefault(ACCELERATOR_ENV, type.kind().name().toLowerCase(Locale.ROOT)));
        if (type.kind() == AcceleratorKind.GPU) {
            env.put(DRIVER_CAPABILITIES_ENV, CAPABILITIES);
        } else {
            env.put(VISIBLE_DEVICES_ENV, NO_DEVICES);
        }
        return env;
    }
}
