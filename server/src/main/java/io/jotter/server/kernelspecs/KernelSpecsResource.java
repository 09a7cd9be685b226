package io.jotter.server.kernelspecs;

import io.jotter.scheduler.kernelspec.KernelSpec;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/kernelspecs}, in Jupyter Server's shape, so {@code @jupyterlab/services} reads it unchanged. */
@Path("/api/kernelspecs")
@Produces(MediaType.APPLICATION_JSON)
public class KernelSpecsResource {
    /** The {@code spec} part: what {@code kernel.json} says. */
    public record Spec(List<String> argv, String displayName, String language, String interruptMode,
                       Map<String, String> env, Map<String, Object> metadata) {
    }

    /** One kernel spec with its resources (logos; none yet). */
    public record Entry(String name, Spec spec, Map<String, String> resources) {
    }

    private final KernelSpecCatalog catalog;

    public KernelSpecsResource(KernelSpecCatalog catalog) {
        this.catalog = catalog;
    }

    /** {@code {"default": name, "kernelspecs": {name: entry}}}; {@code default} is a Java keyword, hence a map. */
    @GET
    public Map<String, Object> list() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, KernelSpec> specs = catalog.all();
        specs.forEach((name, spec) -> entries.put(name, entryOf(spec)));
        String defaultName = specs.containsKey(KernelSpecCatalog.JOTTER_JAVA) ? KernelSpecCatalog.JOTTER_JAVA
                : specs.keySet().stream().findFirst().orElse(null);
        Map<String, Object> listing = new LinkedHashMap<>();
        listing.put("default", defaultName);
        listing.put("kernelspecs", entries);
        return listing;
    }

    @GET
    @Path("{name}")
    public Entry get(@PathParam("name") String name) {
        KernelSpec spec = catalog.all().get(name.toLowerCase(java.util.Locale.ROOT));
        if (spec == null) {
            throw new NotFoundException("no kernel spec named " + name);
        }
        return entryOf(spec);
    }

    private static Entry entryOf(KernelSpec spec) {
        return new Entry(spec.name(), new Spec(spec.argv(), spec.displayName(), spec.language(), spec.interruptMode(),
                spec.env(), Map.of()), Map.of());
    }
}
