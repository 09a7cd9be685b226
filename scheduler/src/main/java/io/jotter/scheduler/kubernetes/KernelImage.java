package io.jotter.scheduler.kubernetes;

import java.util.List;
import java.util.Objects;

/**
 * What a kernel spec runs as in a pod: a local kernel spec's command line names files on the server's disk, so
 * each spec offered on Kubernetes names an image and the command inside it instead.
 *
 * @param image the container image, for example {@code ghcr.io/jotter/kernel:0.1.0}
 * @param argv the command; {@code {connection_file}} becomes the path of the mounted connection file
 */
public record KernelImage(String image, List<String> argv) {
    public KernelImage {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("a kernel image needs an image");
        }
        if (argv == null || argv.isEmpty()) {
            throw new IllegalArgumentException("kernel image " + image + " needs a command");
        }
        argv = List.copyOf(argv);
        Objects.requireNonNull(image);
    }

    /** The command with the connection file's path put in. */
    public List<String> commandFor(String connectionFile) {
        return argv.stream().map(arg -> arg.replace("{connection_file}", connectionFile)).toList();
    }
}
