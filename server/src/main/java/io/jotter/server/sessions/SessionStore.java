package io.jotter.server.sessions;

import io.jotter.server.kernels.KernelEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions of all users, in memory: a session lives no longer than its kernel, and kernels do not
 * outlive the server (see the runtime reconciler), so there is nothing to keep across restarts.
 */
@Singleton
public class SessionStore {
    private final Map<String, NotebookSession> sessions = new ConcurrentHashMap<>();

    public Collection<NotebookSession> all() {
        return List.copyOf(sessions.values());
    }

    public Optional<NotebookSession> get(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    public void put(NotebookSession session) {
        sessions.put(session.id(), session);
    }

    public Optional<NotebookSession> remove(String id) {
        return Optional.ofNullable(sessions.remove(id));
    }

    /** The notebook a kernel serves, for writing its outputs; the first one if several share the kernel. */
    public Optional<NotebookSession> forKernel(String kernelId) {
        return sessions.values().stream().filter(s -> s.kernelId().equals(kernelId)).findFirst();
    }

    void onKernelEvent(@Observes KernelEvent event) {
        if (event.type() == KernelEvent.Type.STOPPED) {
            sessions.values().removeIf(s -> s.kernelId().equals(event.kernel().id()));
        }
    }
}
