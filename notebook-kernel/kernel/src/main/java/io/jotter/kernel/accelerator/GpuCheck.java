package io.jotter.kernel.accelerator;

import io.jotter.kernel.protocol.NoGpuExit;
import io.jotter.learn.Tensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;

/**
 * A GPU runtime's kernel checks, before it answers anyone, that TensorFlow's GPU build is loaded and sees a GPU;
 * otherwise it ends with {@link NoGpuExit}, saying why in a user's words, and the server refunds the runtime.
 * A GPU runtime never quietly computes on the CPU.
 */
public final class GpuCheck {
    /** Set by bin/jotter-kernel: the folder TensorFlow's GPU build and CUDA were loaded from. */
    public static final String NATIVES_PROPERTY = "jotter.gpu.natives";
    private static final String TENSORFLOW_LIBRARY = "tensorflow_cc@.2";
    private static final Path TERMINATION_LOG = Path.of("/dev/termination-log");

    private final Map<String, String> env;
    private final DriverLibrary driver;

    GpuCheck(Map<String, String> env, DriverLibrary driver) {
        this.env = env;
        this.driver = driver;
    }

    /** The check for this process: its environment, and the machine's library folders. */
    public static GpuCheck forThisProcess() {
        return new GpuCheck(System.getenv(), DriverLibrary.forThisMachine());
    }

    /** The GPUs TensorFlow sees, once it is loaded from the GPU build; or why there is none to use. */
    public Result run() {
        List<Tensors.Device> devices;
        try {
            devices = Tensors.devices();
        } catch (RuntimeException | LinkageError e) {
            return Result.failed("TensorFlow did not load (" + e.getMessage() + ")");
        }
        String natives = System.getProperty(NATIVES_PROPERTY);
        String loaded = Loader.getLoadedLibraries().get(TENSORFLOW_LIBRARY);
        if (natives == null || loaded == null || !Path.of(loaded).startsWith(natives)) {
            return Result.failed("TensorFlow's GPU build did not load (TensorFlow came from " + loaded + ")");
        }
        List<Tensors.Device> gpus = devices.stream().filter(device -> "GPU".equals(device.type())).toList();
        return gpus.isEmpty() ? Result.failed(whyNoGpu()) : new Result(gpus, null);
    }

    /** TensorFlow saw no GPU: the likeliest reason, from what this kernel can see of the machine. */
    String whyNoGpu() {
        String visible = env.get("CUDA_VISIBLE_DEVICES");
        if (visible != null && (visible.isBlank() || visible.equals("-1"))) {
            return "no GPU was assigned to this runtime (CUDA_VISIBLE_DEVICES is empty): this server found no GPU of"
                    + " this type to give it";
        }
        Optional<Path> found = driver.find();
        if (found.isEmpty()) {
            return "the NVIDIA driver (libcuda.so.1) is not installed on this machine, or not mounted into the"
                    + " kernel's container";
        }
        return "the NVIDIA driver is installed (" + found.get() + "), but CUDA found no GPU it can use: the GPU may be"
                + " taken by another process in exclusive mode, or the driver may be older than CUDA 12 needs (525"
                + " or newer)";
    }

    /**
     * Ends this kernel as a GPU runtime that cannot start: the reason on stderr and, on Kubernetes, as the
     * container's termination message.
     */
    public static void exit(String reason) {
        System.err.println(NoGpuExit.line(reason));
        System.err.flush();
        if (Files.isWritable(TERMINATION_LOG)) {
            try {
                Files.writeString(TERMINATION_LOG, NoGpuExit.PREFIX + reason);
            } catch (IOException ignored) {
                // stderr said it already.
            }
        }
        System.exit(NoGpuExit.STATUS);
    }

    /**
     * @param gpus the GPUs TensorFlow sees; empty when it failed
     * @param problem why there is no GPU to use, or {@code null}
     */
    public record Result(List<Tensors.Device> gpus, String problem) {
        static Result failed(String problem) {
            return new Result(List.of(), problem);
        }

        public boolean ok() {
            return problem == null;
        }
    }
}
