package io.jotter.scheduler.kubernetes;

import io.jotter.pool.catalog.AcceleratorKind;
import java.util.List;
import java.util.Map;

/**
 * What a kernel spec runs as in a pod: a local kernel spec's command line names files on the server's disk, so
 * each spec offered on Kubernetes names an image and the command inside it instead. One kernel may need another
 * image per accelerator kind (TensorFlow's GPU build and CUDA are a GPU image's, too big for every CPU pod); the
 * command is the same in each.
 *
 * @param image the container image, for example {@code ghcr.io/jotter/kernel:0.1.0}: CPU types run it, and so
 *     does any accelerator kind without an image of its own
 * @param argv the command; {@code {connection_file}} becomes the path of the mounted connection file
 * @param acceleratorImages the image of runtime types of a kind, where it is not {@code image}; for example GPU
 *     types' {@code ghcr.io/jotter/kernel-gpu:0.1.0}
 */
public record KernelImage(String image, List<String> argv, Map<AcceleratorKind, String> acceleratorImages) {
    public KernelImage {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("a kernel image needs an image");
        }
        if (argv == null || argv.isEmpty()) {
            throw new IllegalArgumentException("kernel image " + image + " needs a command");
        }
        argv = List.copyOf(argv);
        acceleratorImages = Map.copyOf(acceleratorImages == null ? Map.of() : acceleratorImages);
        acceleratorImages.forEach((kind, kindImage) -> {
            if (kindImage.isBlank()) {
                throw new IllegalArgumentException("kernel image " + image + ": the " + kind.label()
                        + " image is blank");
            }
        });
    }

    /** One image for every runtime type. */
    public KernelImage(String image, List<String> argv) {
        this(image, argv, Map.of());
    }

    /** The image a runtime type of this kind runs. */
    public String imageFor(AcceleratorKind kind) {
        return acceleratorImages.getOrDefault(kind, image);
    }

    /** The command with the connection file's path put in. */
    public List<String> commandFor(String connectionFile) {
        return argv.stream().map(arg -> arg.replace("{connection_file}", connectionFile)).toList();
    }
}
