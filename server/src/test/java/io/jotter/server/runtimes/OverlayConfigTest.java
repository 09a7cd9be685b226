package io.jotter.server.runtimes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jotter.pool.catalog.AcceleratorKind;
import io.jotter.pool.catalog.RuntimeCatalog;
import io.jotter.pool.catalog.RuntimeType;
import io.jotter.pool.catalog.Toleration;
import io.jotter.quota.tiers.Tier;
import io.jotter.quota.tiers.Tiers;
import io.jotter.server.kernels.KubernetesConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The application.properties each Kubernetes overlay mounts (infra/k8s/overlays), read through the server's config
 * mappings and {@link Offer}: every type a tier offers exists, and a type's kernel can use its accelerator.
 */
class OverlayConfigTest {
    private static final Path OVERLAYS = Path.of("..", "infra", "k8s", "overlays");

    @Test
    void theTpuOverlayAddsTheTpuTypeByConfigurationWithAKernelImageOfItsOwn() throws IOException {
        SmallRyeConfig config = config("tpu/configmap-tpu.yaml");
        RuntimeCatalog catalog = new Offer().catalog(config.getConfigMapping(RuntimeTypesConfig.class));
        RuntimeType tpu = catalog.get("tpu-v5e-1");
        assertEquals(AcceleratorKind.TPU, tpu.kind());
        assertEquals(1, tpu.accelerators());
        assertEquals("google.com/tpu", tpu.acceleratorResource());
        assertEquals(Map.of("cloud.google.com/gke-tpu-accelerator", "tpu-v5-lite-podslice",
                "cloud.google.com/gke-tpu-topology", "1x1"), tpu.nodeSelector());
        assertEquals(List.of(Toleration.exists("google.com/tpu", "NoSchedule")), tpu.tolerations(),
                "GKE taints TPU nodes google.com/tpu");
        assertEquals(0, new BigDecimal("3.60").compareTo(tpu.computeUnitsPerHour()));
        // TensorFlow Java cannot use a TPU: the overlay names another image for TPU kernels.
        KubernetesConfig kubernetes = config.getConfigMapping(KubernetesConfig.class);
        assertTrue(kubernetes.tpuKernelImage().isPresent());
        assertFalse(kubernetes.tpuKernelImage().get().equals(kubernetes.kernelImage()));
        assertTiersOfferOnlyCatalogTypes(config, catalog);
    }

    @Test
    void theGpuOverlayNamesTheGpuKernelImage() throws IOException {
        SmallRyeConfig config = config("gpu/configmap-gpu.yaml");
        KubernetesConfig kubernetes = config.getConfigMapping(KubernetesConfig.class);
        assertEquals("ghcr.io/jotter/kernel-gpu:0.1.0", kubernetes.gpuKernelImage());
        assertEquals("ghcr.io/jotter/kernel:0.1.0", kubernetes.kernelImage(), "CPU types keep the CPU image");
        RuntimeCatalog catalog = new Offer().catalog(config.getConfigMapping(RuntimeTypesConfig.class));
        assertTiersOfferOnlyCatalogTypes(config, catalog);
    }

    @Test
    void withoutTheTpuOverlayNoTierOffersATpu() {
        RuntimeCatalog catalog = RuntimeCatalog.defaults();
        for (Tier tier : Tiers.defaults().all()) {
            tier.runtimeTypes().forEach(catalog::get);
            assertTrue(tier.runtimeTypes().stream().map(catalog::get).noneMatch(t -> t.kind() == AcceleratorKind.TPU),
                    tier.name());
        }
    }

    private static void assertTiersOfferOnlyCatalogTypes(SmallRyeConfig config, RuntimeCatalog catalog) {
        Tiers tiers = new Offer().tiers(config.getConfigMapping(TiersConfig.class));
        for (Tier tier : tiers.all()) {
            tier.runtimeTypes().forEach(catalog::get); // throws for a type the catalog lacks
        }
    }

    /** The server's mappings over the overlay ConfigMap's application.properties. */
    private static SmallRyeConfig config(String configMap) throws IOException {
        JsonNode data = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(OVERLAYS.resolve(configMap)))
                .get("data");
        Properties properties = new Properties();
        properties.load(new StringReader(data.get("application.properties").asText()));
        Map<String, String> values = new HashMap<>();
        properties.forEach((key, value) -> values.put((String) key, (String) value));
        return new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(RuntimeTypesConfig.class)
                .withMapping(TiersConfig.class)
                .withMapping(KubernetesConfig.class)
                .withSources(new PropertiesConfigSource(values, configMap, 250))
                .build();
    }
}
