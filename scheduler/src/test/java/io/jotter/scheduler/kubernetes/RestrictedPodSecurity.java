package io.jotter.scheduler.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The checks of Kubernetes' restricted Pod Security Standard (which includes the baseline), as the admission
 * controller applies them to a pod spec: https://kubernetes.io/docs/concepts/security/pod-security-standards/.
 * AppArmor, SELinux, /proc mount and sysctl checks are left out: no Jotter pod sets those fields.
 */
final class RestrictedPodSecurity {
    private static final Set<String> ALLOWED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");

    private RestrictedPodSecurity() {
    }

    /** What breaks the standard, one line each; empty when nothing does. */
    static List<String> violations(PodSpec spec) {
        List<String> found = new ArrayList<>();
        PodSecurityContext pod = Optional.ofNullable(spec.getSecurityContext()).orElse(new PodSecurityContext());
        if (Boolean.TRUE.equals(spec.getHostNetwork()) || Boolean.TRUE.equals(spec.getHostPID())
                || Boolean.TRUE.equals(spec.getHostIPC())) {
            found.add("host namespaces are shared");
        }
        for (Volume volume : spec.getVolumes()) {
            String type = volumeType(volume);
            if (!ALLOWED_VOLUMES.contains(type)) {
                found.add("volume " + volume.getName() + " is of type " + type);
            }
        }
        if (Long.valueOf(0).equals(pod.getRunAsUser())) {
            found.add("the pod runs as uid 0");
        }
        List<Container> containers = Stream.concat(spec.getInitContainers().stream(), spec.getContainers().stream())
                .toList();
        for (Container container : containers) {
            SecurityContext context = Optional.ofNullable(container.getSecurityContext()).orElse(new SecurityContext());
            String name = "container " + container.getName();
            if (Boolean.TRUE.equals(context.getPrivileged())) {
                found.add(name + " is privileged");
            }
            if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
                found.add(name + " may escalate privileges");
            }
            if (!Boolean.TRUE.equals(Optional.ofNullable(context.getRunAsNonRoot()).orElse(pod.getRunAsNonRoot()))) {
                found.add(name + " is not required to run as non-root");
            }
            if (Long.valueOf(0).equals(context.getRunAsUser())) {
                found.add(name + " runs as uid 0");
            }
            SeccompProfile seccomp = Optional.ofNullable(context.getSeccompProfile()).orElse(pod.getSeccompProfile());
            if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
                found.add(name + " has no RuntimeDefault or Localhost seccomp profile");
            }
            var capabilities = context.getCapabilities();
            if (capabilities == null || !capabilities.getDrop().contains("ALL")) {
                found.add(name + " does not drop ALL capabilities");
            }
            if (capabilities != null && capabilities.getAdd().stream().anyMatch(c -> !c.equals("NET_BIND_SERVICE"))) {
                found.add(name + " adds capabilities " + capabilities.getAdd());
            }
            if (container.getPorts().stream().anyMatch(p -> p.getHostPort() != null && p.getHostPort() != 0)) {
                found.add(name + " uses a host port");
            }
        }
        return found;
    }

    private static String volumeType(Volume v) {
        if (v.getConfigMap() != null) return "configMap";
        if (v.getCsi() != null) return "csi";
        if (v.getDownwardAPI() != null) return "downwardAPI";
        if (v.getEmptyDir() != null) return "emptyDir";
        if (v.getEphemeral() != null) return "ephemeral";
        if (v.getPersistentVolumeClaim() != null) return "persistentVolumeClaim";
        if (v.getProjected() != null) return "projected";
        if (v.getSecret() != null) return "secret";
        if (v.getHostPath() != null) return "hostPath";
        return "other";
    }
}
