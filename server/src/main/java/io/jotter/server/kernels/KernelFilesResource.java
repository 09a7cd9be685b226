package io.jotter.server.kernels;

import io.jotter.server.contents.ContentType;
import io.jotter.server.contents.ContentsEntry;
import io.jotter.server.contents.ContentsModel;
import io.jotter.server.contents.ContentsPath;
import io.jotter.server.contents.ContentsResource;
import io.jotter.server.contents.ContentsService;
import io.jotter.server.contents.TreeOwner;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * {@code GET /api/jotter/kernel-files/{path}}: a running kernel reads a file of its owner's (the bytes)
 * or lists a folder (lines of {@code file<TAB>name} or {@code directory<TAB>name}), proving itself
 * with the secret it was started with ({@link KernelFileAccess}). Read-only; nothing else opens with it.
 */
@Path("/api/jotter/kernel-files")
public class KernelFilesResource {
    /** The kernel's id and secret, as io.jotter.learn sends them. */
    public static final String KERNEL_HEADER = "X-Jotter-Kernel";
    public static final String TOKEN_HEADER = "X-Jotter-Kernel-Token";
    /** What the answer holds: {@code file} (its bytes) or {@code directory} (its entries). */
    public static final String KIND_HEADER = "X-Jotter-Kind";

    private final KernelFileAccess access;
    private final KernelRegistry kernels;
    private final ContentsService contents;
    private final ContentsResource contentsApi;
    private final TreeOwner tree;

    public KernelFilesResource(KernelFileAccess access, KernelRegistry kernels, ContentsService contents,
                               ContentsResource contentsApi, TreeOwner tree) {
        this.access = access;
        this.kernels = kernels;
        this.contents = contents;
        this.contentsApi = contentsApi;
        this.tree = tree;
    }

    @GET
    @Path("{path: .*}")
    public Response read(@PathParam("path") String path, @HeaderParam(KERNEL_HEADER) String kernelId,
                         @HeaderParam(TOKEN_HEADER) String token) {
        RunningKernel kernel = access.matches(kernelId, token) ? kernels.find(kernelId).orElse(null) : null;
        if (kernel == null) {
            return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("message", "Only a running kernel, with the secret it was started with, reads"
                            + " its owner's files here.")).build();
        }
        return tree.of(kernel.owner(), () -> {
            ContentsPath target = ContentsPath.parse(path);
            if (target.isRoot() || isDirectory(target)) {
                ContentsModel folder = contentsApi.get(path, "directory", null, "1", null);
                return Response.ok(String.join("\n", entries(folder)), MediaType.TEXT_PLAIN)
                        .header(KIND_HEADER, "directory").build();
            }
            ContentsEntry entry = contents.notebookOrFile(target);
            return Response.ok(entry.stored().asBytes(), entry.type() == ContentType.NOTEBOOK
                    ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_OCTET_STREAM).header(KIND_HEADER, "file").build();
        });
    }

    private boolean isDirectory(ContentsPath path) {
        return contentsApi.get(path.value(), null, null, "0", null).type().equals("directory");
    }

    /** A folder's entries as {@code type<TAB>name} lines. */
    private static List<String> entries(ContentsModel folder) {
        return StreamSupport.stream(folder.content().spliterator(), false)
                .map(child -> child.path("type").asText() + "\t" + child.path("name").asText()).toList();
    }
}
