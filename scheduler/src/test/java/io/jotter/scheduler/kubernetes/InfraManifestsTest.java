package io.jotter.scheduler.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.jotter.pool.catalog.RuntimeCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every manifest under {@code infra/} read into fabric8's typed model, strictly (an unknown kind or field fails);
 * every kustomization's files there; and the pods it makes meeting the restricted Pod Security Standard, which the
 * namespace enforces. No kustomize binary runs here, so overlays' patches are parsed, not applied.
 */
class InfraManifestsTest {
    private static final Path INFRA = repositoryRoot().resolve("infra");
    private static final ObjectMapper STRICT_YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The fields of a kustomization Jotter uses; any other fails the parse, so a typo does not pass unseen. */
    record Kustomization(String apiVersion, String kind, String namespace, List<Map<String, Object>> labels,
                         List<String> resources, List<String> components, List<Patch> patches,
                         List<Generator> configMapGenerator) {
        List<String> resourcesOrEmpty() {
            return resources == null ? List.of() : resources;
        }
    }

    record Patch(String path) {
    }

    record Generator(String name, List<String> files, List<String> literals) {
    }

    @Test
    void everyManifestIsATypedKubernetesResourceWithNoUnknownField() throws IOException {
        List<Path> manifests = yamlFiles().filter(f -> !isKustomization(f)).toList();
        assertTrue(manifests.size() >= 15, "manifests found: " + manifests);
        for (Path file : manifests) {
            List<HasMetadata> resources = StrictManifests.parse(Files.readString(file), INFRA.relativize(file).toString());
            assertFalse(resources.isEmpty(), file + " holds a resource");
        }
    }

    @Test
    void everyKustomizationNamesFilesThatExist() throws IOException {
        List<Path> kustomizations = yamlFiles().filter(InfraManifestsTest::isKustomization).toList();
        assertEquals(Set.of("k8s/base", "k8s/overlays/gpu", "k8s/overlays/tpu", "k8s/overlays/external-postgres",
                "k8s/components/registry-egress", "keycloak"), kustomizations.stream()
                .map(k -> INFRA.relativize(k.getParent()).toString()).collect(java.util.stream.Collectors.toSet()));
        for (Path file : kustomizations) {
            Kustomization k = STRICT_YAML.readValue(file.toFile(), Kustomization.class);
            Path dir = file.getParent();
            assertTrue(Set.of("Kustomization", "Component").contains(k.kind()), file + ": " + k.kind());
            for (String entry : Stream.of(k.resourcesOrEmpty(), k.components() == null ? List.<String>of()
                    : k.components()).flatMap(List::stream).toList()) {
                Path target = dir.resolve(entry).normalize();
                assertTrue(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")),
                        file + " names " + entry + ", which is neither a file nor a kustomization");
            }
            for (Patch patch : k.patches() == null ? List.<Patch>of() : k.patches()) {
                Path target = dir.resolve(patch.path());
                assertTrue(Files.isRegularFile(target), file + " patches with " + patch.path());
            }
            for (Generator generator : k.configMapGenerator() == null ? List.<Generator>of() : k.configMapGenerator()) {
                for (String generated : generator.files()) {
                    assertTrue(Files.isRegularFile(dir.resolve(generated)), file + " generates from " + generated);
                }
            }
        }
        // Kernel pods must not be applied as such: the template is only a ConfigMap's content.
        Kustomization base = STRICT_YAML.readValue(INFRA.resolve("k8s/base/kustomization.yaml").toFile(),
                Kustomization.class);
        assertFalse(base.resourcesOrEmpty().contains("kernel-pod-template.yaml"));
    }

    @Test
    void anUnknownFieldOrKindFails() {
        String misspelt = "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n    - name: c\n"
                + "      image: i\n      securityContxt: {privileged: false}\n";
        IllegalArgumentException field = assertThrows(IllegalArgumentException.class,
                () -> StrictManifests.parse(misspelt, "misspelt"));
        assertTrue(field.getMessage().contains("Pod.spec.containers[0].securityContxt"), field.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StrictManifests.parse(
                "apiVersion: example.org/v1\nkind: Widget\nmetadata: {name: x}\n", "unknown kind"));
        assertThrows(IOException.class, () -> STRICT_YAML.readValue("kind: Kustomization\nresourcez: [a]\n",
                Kustomization.class));
    }

    @Test
    void theRenderedKernelPodsMeetTheRestrictedPodSecurityStandard() {
        Pod template = KernelPodTemplate.from(INFRA.resolve("k8s/base/kernel-pod-template.yaml"));
        // Every default type, and the TPU type overlays/tpu configures.
        for (var type : RuntimeCatalog.defaults().with(List.of(KernelPods.TPU)).all()) {
            Pod pod = new KernelPodSpec("r-" + type.name(), "jotter-java", type, KernelPods.IMAGE, "ada@example.org",
                    type.milliCpus(), type.memoryMiB() << 20, "jotter", Map.of(), Set.of("JOTTER_FILES_TOKEN"),
                    Instant.EPOCH).toPod(template);
            assertEquals(List.of(), RestrictedPodSecurity.violations(pod.getSpec()), type.name());
            assertTrue(pod.getSpec().getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem());
            assertFalse(pod.getSpec().getAutomountServiceAccountToken(), "no API token in a kernel");
        }
        // The checker does catch what it looks for.
        Pod loose = new PodBuilder(template).editSpec().withHostNetwork(true).editFirstContainer().editSecurityContext()
                .withAllowPrivilegeEscalation(true).withNewCapabilities().withAdd("SYS_ADMIN").endCapabilities()
                .endSecurityContext().endContainer().addNewVolume().withName("host").withNewHostPath("/", null)
                .endVolume().endSpec().build(); // host network, hostPath, escalation, ALL not dropped, SYS_ADMIN added
        assertEquals(5, RestrictedPodSecurity.violations(loose.getSpec()).size(),
                RestrictedPodSecurity.violations(loose.getSpec()).toString());
    }

    @Test
    void theServerPodMeetsTheStandardAndKernelsTalkOnlyToTheServer() throws IOException {
        Deployment server = (Deployment) StrictManifests.parse(Files.readString(INFRA.resolve(
                "k8s/base/deployment.yaml")), "deployment").get(0);
        assertEquals(List.of(), RestrictedPodSecurity.violations(server.getSpec().getTemplate().getSpec()));
        // Several replicas, replaced one at a time, and told to adopt each other's kernels rather than stop them.
        assertTrue(server.getSpec().getReplicas() >= 2, "replicas: " + server.getSpec().getReplicas());
        assertEquals("RollingUpdate", server.getSpec().getStrategy().getType());
        assertEquals(0, server.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal());
        ConfigMap settings = (ConfigMap) StrictManifests.parse(Files.readString(INFRA.resolve(
                "k8s/base/configmap.yaml")), "configmap").get(0);
        assertEquals("true", settings.getData().get("JOTTER_REPLICAS"));
        // Kernel pods fetch uploaded files through the Service, whichever replica started them.
        Service service = (Service) StrictManifests.parse(Files.readString(INFRA.resolve("k8s/base/service.yaml")),
                "service").get(0);
        assertEquals("http://" + service.getMetadata().getName(), settings.getData().get("JOTTER_KERNELS_SERVER_URL"));

        NetworkPolicy kernels = (NetworkPolicy) StrictManifests.parse(Files.readString(INFRA.resolve(
                "k8s/base/networkpolicy-kernels.yaml")), "policy").get(0);
        assertEquals(Map.of("app.kubernetes.io/name", "jotter-kernel"), kernels.getSpec().getPodSelector().getMatchLabels());
        assertEquals(List.of("Ingress", "Egress"), kernels.getSpec().getPolicyTypes());
        assertEquals(Map.of("app.kubernetes.io/name", "jotter-server"), kernels.getSpec().getIngress().get(0)
                .getFrom().get(0).getPodSelector().getMatchLabels());
        assertTrue(kernels.getSpec().getEgress().stream().flatMap(rule -> rule.getTo().stream())
                .allMatch(peer -> peer.getIpBlock() == null), "no address block: not the metadata server, not the DB");
    }

    private static boolean isKustomization(Path file) {
        return file.getFileName().toString().equals("kustomization.yaml");
    }

    private static Stream<Path> yamlFiles() {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(INFRA)) {
            walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files.stream().sorted();
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("infra/k8s"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no infra/k8s above " + Path.of("").toAbsolutePath());
    }
}
