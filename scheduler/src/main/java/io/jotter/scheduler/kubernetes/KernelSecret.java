package io.jotter.scheduler.kubernetes;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.jotter.kernel.protocol.ConnectionInfo;
import io.jotter.kernel.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A runtime's Secret: the kernel's connection file (ports and signing key) and the environment the server gives
 * it (for example the token that opens its owner's files). The pod mounts the one and reads the other through
 * {@code secretKeyRef}, so neither appears in the pod spec, in {@code kubectl describe}, or in a log.
 *
 * @param name the Secret's name, the pod's
 * @param connection the connection file as the kernel reads it (listening on every interface of the pod)
 * @param env the secret environment, by variable name
 */
public record KernelSecret(String name, ConnectionInfo connection, Map<String, String> env) {
    static final String CONNECTION_KEY = "kernel.json";
    private static final String ENV_PREFIX = "env.";

    public KernelSecret {
        env = Map.copyOf(env);
    }

    /** The Secret's key holding one variable. */
    static String envKey(String variable) {
        return ENV_PREFIX + variable;
    }

    /** The Secret, labelled and annotated as its pod, so that discovery finds it even without the pod. */
    public Secret toSecret(Map<String, String> labels, Map<String, String> annotations) {
        Map<String, String> data = new LinkedHashMap<>();
        try {
            data.put(CONNECTION_KEY, Json.MAPPER.writeValueAsString(connection));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the connection file", e);
        }
        env.forEach((variable, value) -> data.put(envKey(variable), value));
        return new SecretBuilder().withNewMetadata().withName(name).withLabels(labels).withAnnotations(annotations)
                .endMetadata()
                .withType("Opaque").withImmutable(true).withStringData(data).build();
    }

    /** Makes the pod the Secret's owner, so that the garbage collector removes the Secret with the pod. */
    static Secret ownedBy(Secret secret, Pod pod) {
        return new SecretBuilder(secret).editMetadata().withOwnerReferences(new OwnerReferenceBuilder()
                .withApiVersion("v1").withKind("Pod").withName(pod.getMetadata().getName())
                .withUid(pod.getMetadata().getUid()).withBlockOwnerDeletion(false).build()).endMetadata().build();
    }

    /** The connection file a Secret holds, read back (after a restart, to reach a kernel again). */
    static ConnectionInfo connectionOf(Secret secret) {
        String json = secret.getStringData() != null && secret.getStringData().containsKey(CONNECTION_KEY)
                ? secret.getStringData().get(CONNECTION_KEY)
                : secret.getData() == null || !secret.getData().containsKey(CONNECTION_KEY) ? null
                : new String(java.util.Base64.getDecoder().decode(secret.getData().get(CONNECTION_KEY)),
                        java.nio.charset.StandardCharsets.UTF_8);
        if (json == null) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(json, ConnectionInfo.class);
        } catch (IOException e) {
            return null;
        }
    }
}
