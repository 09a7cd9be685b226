package io.jotter.learn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The notebook's files, as a path the kernel can read: a path on the kernel's own disk as it is, or
 * else the file (or folder) of that name among the files you uploaded to Jotter, which live on the
 * server, fetched into a folder of this kernel's. The server told the kernel how to ask
 * ({@code JOTTER_FILES_URL}, {@code JOTTER_KERNEL_ID}, {@code JOTTER_FILES_TOKEN}) when it started it.
 */
public final class NotebookFiles {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static Path cache;

    private NotebookFiles() {
    }

    /** {@code path} on this machine if it is there; otherwise your Jotter file or folder of that name, fetched. */
    public static Path get(String path) {
        Path local = Path.of(path);
        String url = System.getenv("JOTTER_FILES_URL");
        if (Files.exists(local) || url == null || local.isAbsolute()) {
            return local;
        }
        try {
            Path target = cache().resolve(path).normalize();
            if (!target.startsWith(cache())) {
                throw new IllegalArgumentException(path + " leaves your files");
            }
            fetch(url, path, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not fetch " + path + " from your Jotter files: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + path, e);
        }
    }

    private static synchronized Path cache() throws IOException {
        if (cache == null) {
            cache = Files.createTempDirectory("jotter-notebook-files");
        }
        return cache;
    }

    private static void fetch(String url, String path, Path target) throws IOException, InterruptedException {
        String encoded = Arrays.stream(path.split("/")).filter(part -> !part.isEmpty())
                .map(part -> URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + encoded)).timeout(Duration.ofMinutes(2))
                .header("X-Jotter-Kernel", System.getenv().getOrDefault("JOTTER_KERNEL_ID", ""))
                .header("X-Jotter-Kernel-Token", System.getenv().getOrDefault("JOTTER_FILES_TOKEN", "")).build();
        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            throw new IllegalArgumentException(path + " is neither on the kernel's disk nor among your files");
        }
        if (response.statusCode() != 200) {
            throw new IOException("the server answered " + response.statusCode());
        }
        if ("directory".equals(response.headers().firstValue("X-Jotter-Kind").orElse(""))) {
            Files.createDirectories(target);
            for (String line : new String(response.body(), StandardCharsets.UTF_8).split("\n")) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    String name = line.substring(tab + 1);
                    fetch(url, path + "/" + name, target.resolve(name));
                }
            }
        } else {
            Files.createDirectories(target.getParent());
            Files.write(target, response.body());
        }
    }
}
