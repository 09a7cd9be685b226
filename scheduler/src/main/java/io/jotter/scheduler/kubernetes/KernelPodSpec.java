package io.jotter.scheduler.kubernetes;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.jotter.pool.catalog.RuntimeType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One runtime's kernel pod, as typed values; {@link #toPod} fills the template with them. Nothing secret is here:
 * the connection file and the secret environment are in the runtime's {@link KernelSecret}, and the pod names
 * only its keys.
 *
 * @param runtimeId the scheduler's id of the runtime (the notebook session's kernel)
 * @param kernelSpec the kernel spec's name
 * @param type the runtime type: resources, accelerators, node selector and tolerations
 * @param image what runs in the kernel container: its image for the type's accelerator kind
 * @param account the Jotter account it belongs to, or {@code null} for a warm pod nobody holds yet
 * @param milliCpus CPU request and limit, thousandths of a core
 * @param memoryBytes memory request and limit
 * @param instance the installation's label value
 * @param plainEnv variables that are no secret (the kernel spec's own)
 * @param secretEnv names of variables read from the Secret
 * @param startedAt when the backend created the pod; an annotation, for the reconciler
 */
public record KernelPodSpec(String runtimeId, String kernelSpec, RuntimeType type, KernelImage image, String account,
                            int milliCpus, long memoryBytes, String instance, Map<String, String> plainEnv,
                            Set<String> secretEnv, Instant startedAt) {
    public static final String APP_LABEL = "app.kubernetes.io/name";
    public static final String APP = "jotter-kernel";
    public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    public static final String RUNTIME_ID_LABEL = "jotter.io/runtime-id";
    public static final String ACCOUNT_LABEL = "jotter.io/account";
    public static final String RUNTIME_TYPE_LABEL = "jotter.io/runtime-type";
    public static final String RUNTIME_ID_ANNOTATION = "jotter.io/runtime-id";
    public static final String KERNEL_SPEC_ANNOTATION = "jotter.io/kernel-spec";
    public static final String STARTED_AT_ANNOTATION = "jotter.io/started-at";
    /** The account label of a warm pod nobody holds yet. */
    public static final String UNASSIGNED = "unassigned";
    /**
     * A warm pod's label while nobody holds it: {@value #WARM_STARTING} until its kernel answered, then
     * {@value #WARM_READY}. Claiming a pod removes it, so a pod is warm or some runtime's, never both.
     */
    public static final String WARM_LABEL = "jotter.io/warm";
    public static final String WARM_STARTING = "starting";
    public static final String WARM_READY = "ready";
    /** When a replica claimed a warm pod (it becomes that replica's runtime under the pod's own id). */
    public static final String CLAIMED_AT_ANNOTATION = "jotter.io/claimed-at";
    /** Where the kernel container reads its connection file. */
    public static final String CONNECTION_FILE = "/var/run/jotter/kernel.json";
    static final String CONTAINER = "kernel";
    static final String CONNECTION_VOLUME = "connection";

    public KernelPodSpec {
        Objects.requireNonNull(runtimeId, "runtimeId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(image, "image");
        plainEnv = Map.copyOf(plainEnv);
        secretEnv = Set.copyOf(secretEnv);
    }

    /** The pod's name, also its Secret's: DNS-safe, and distinct for distinct runtime ids. */
    public String podName() {
        return podName(runtimeId);
    }

    public static String podName(String runtimeId) {
        String safe = runtimeId.toLowerCase().replace('_', '-').replaceAll("^-+|-+$", "");
        return "jotter-kernel-" + (safe.equals(runtimeId) ? safe : safe + "-" + hash(runtimeId, 8));
    }

    /** The labels the backend, the watch and the NetworkPolicies select kernel pods by. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(APP_LABEL, APP);
        labels.put(INSTANCE_LABEL, instance);
        labels.put(RUNTIME_ID_LABEL, runtimeIdLabel(runtimeId));
        labels.put(ACCOUNT_LABEL, accountLabel(account));
        labels.put(RUNTIME_TYPE_LABEL, type.name());
        return labels;
    }

    /** Exact values the labels had to shorten or hash; the reconciler reads the runtime id here. */
    public Map<String, String> annotations() {
        return Map.of(RUNTIME_ID_ANNOTATION, runtimeId, KERNEL_SPEC_ANNOTATION, kernelSpec,
                STARTED_AT_ANNOTATION, startedAt.toString());
    }

    /** The runtime id itself where it is a valid label value, otherwise a hash of it. */
    public static String runtimeIdLabel(String runtimeId) {
        return isLabelValue(runtimeId) ? runtimeId : "h-" + hash(runtimeId, 32);
    }

    /** An account as a label value: hashed, so a label selector finds an account's pods without naming it. */
    public static String accountLabel(String account) {
        return account == null ? UNASSIGNED : "a-" + hash(account, 40);
    }

    /** Whether a string may be a Kubernetes label value. */
    public static boolean isLabelValue(String value) {
        return value.length() <= 63 && value.matches("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
    }

    /**
     * The template with this runtime's values: a new pod, the template untouched. The template must have a
     * container named {@value #CONTAINER} and a Secret volume named {@value #CONNECTION_VOLUME}.
     */
    public Pod toPod(Pod template) {
        return new PodBuilder(template)
                .editMetadata()
                    .withName(podName()).addToLabels(labels()).addToAnnotations(annotations())
                .endMetadata()
                .editSpec()
                    .addToNodeSelector(type.nodeSelector())
                    .addAllToTolerations(tolerations())
                    .editMatchingContainer(c -> CONTAINER.equals(c.getName()))
                        .withImage(image.imageFor(type.kind()))
                        .withCommand(image.commandFor(CONNECTION_FILE))
                        .withArgs(List.of())
                        .addAllToEnv(env())
                        .withResources(resources())
                    .endContainer()
                    .editMatchingVolume(v -> CONNECTION_VOLUME.equals(v.getName()))
                        .editSecret().withSecretName(podName()).endSecret()
                    .endVolume()
                .endSpec()
                .build();
    }

    private List<Toleration> tolerations() {
        return type.tolerations().stream().map(t -> new TolerationBuilder().withKey(t.key())
                .withOperator(t.operator()).withValue(t.value().isEmpty() ? null : t.value())
                .withEffect(t.effect().isEmpty() ? null : t.effect()).build()).toList();
    }

    private List<EnvVar> env() {
        List<EnvVar> env = new ArrayList<>();
        new TreeMap<>(plainEnv).forEach((name, value) -> env.add(new EnvVar(name, value, null)));
        for (String name : new TreeSet<>(secretEnv)) {
            env.add(new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
                    .withName(podName()).withKey(KernelSecret.envKey(name)).withOptional(false)
                    .endSecretKeyRef().endValueFrom().build());
        }
        return env;
    }

    private io.fabric8.kubernetes.api.model.ResourceRequirements resources() {
        Map<String, Quantity> amounts = new LinkedHashMap<>();
        amounts.put("cpu", new Quantity(milliCpus + "m"));
        amounts.put("memory", new Quantity(Long.toString(memoryBytes)));
        if (type.isAccelerated()) {
            // Extended resources are never overcommitted: request and limit must be equal.
            amounts.put(type.acceleratorResource(), new Quantity(Integer.toString(type.accelerators())));
        }
        return new ResourceRequirementsBuilder().withRequests(amounts).withLimits(amounts).build();
    }

    /** Whether the template has what {@link #toPod} fills in. */
    static void checkTemplate(Pod template) {
        boolean container = template.getSpec() != null && template.getSpec().getContainers().stream()
                .anyMatch(c -> CONTAINER.equals(c.getName()));
        boolean volume = template.getSpec() != null && template.getSpec().getVolumes().stream()
                .anyMatch(v -> CONNECTION_VOLUME.equals(v.getName()) && v.getSecret() != null);
        if (!container || !volume) {
            throw new IllegalArgumentException("the kernel pod template needs a container named " + CONTAINER
                    + " and a secret volume named " + CONNECTION_VOLUME);
        }
    }

    static String hash(String value, int hexDigits) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, hexDigits);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
