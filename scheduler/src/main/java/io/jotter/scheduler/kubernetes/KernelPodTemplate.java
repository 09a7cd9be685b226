package io.jotter.scheduler.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the kernel pod template: {@code infra/k8s/base/kernel-pod-template.yaml}, which the build also puts on the
 * classpath and kustomize ships to the server as a ConfigMap, so an operator may mount an edited copy.
 */
public final class KernelPodTemplate {
    static final String RESOURCE = "kernel-pod-template.yaml";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private KernelPodTemplate() {
    }

    /** The template this build was made with. */
    public static Pod bundled() {
        try (InputStream in = KernelPodTemplate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A template from a file, for example the mounted ConfigMap. */
    public static Pod from(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the kernel pod template " + file, e);
        }
    }

    private static Pod parse(InputStream in) {
        Pod template = SERIALIZATION.unmarshal(in, Pod.class);
        KernelPodSpec.checkTemplate(template);
        return template;
    }
}
