package io.jotter.scheduler.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jotter.scheduler.kernelspec.KernelSpec;
import io.jotter.scheduler.runtime.RuntimeBackend;
import io.jotter.scheduler.runtime.RuntimeBackendContract;
import io.jotter.scheduler.runtime.RuntimeHandle;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The runtime backend contract on Kubernetes, against fabric8's mock API server with a {@link PodSimulator} for
 * scheduler and kubelet. No kernel runs (the mock has no kubelet), so what {@code LiveKernelContract} adds, a
 * conversation with the kernel over ZeroMQ at the pod's IP, is not tested here.
 */
class KubernetesBackendContractTest extends RuntimeBackendContract {
    @RegisterExtension
    final MockCluster cluster = new MockCluster();

    @Override
    protected RuntimeBackend backend(Path workDir) {
        return KernelPods.backend(cluster, KernelPods.config());
    }

    @Override
    protected KernelSpec kernelSpec() {
        return KernelPods.JAVA;
    }

    @Override
    protected List<String> secretsHeld(RuntimeHandle handle) {
        String name = KernelPodSpec.podName(handle.runtimeId());
        return cluster.client.secrets().inNamespace(MockCluster.NAMESPACE).withName(name).get() == null ? List.of()
                : List.of("secret/" + name);
    }

    @Override
    protected String kernelLog(RuntimeHandle handle) {
        Pod pod = cluster.client.pods().inNamespace(MockCluster.NAMESPACE)
                .withName(KernelPodSpec.podName(handle.runtimeId())).get();
        return pod == null ? "(no pod)" : new KubernetesSerialization().asYaml(pod.getStatus());
    }
}
