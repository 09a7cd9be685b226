package io.jotter.server.runtimes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Map;

/**
 * The {@code pool_types} table: each type's capacity, written when the server starts (and by the Kubernetes
 * node inventory as nodes come and go). Admission locks a type's row while it counts what runs.
 */
@ApplicationScoped
@Transactional
public class PoolTypes {
    private final EntityManager entities;

    public PoolTypes(EntityManager entities) {
        this.entities = entities;
    }

    /** Sets every type's capacity; types not named get none. */
    public void set(Map<String, Integer> capacity) {
        entities.createNativeQuery("update pool_types set capacity = 0").executeUpdate();
        capacity.forEach((type, count) -> entities.createNativeQuery("insert into pool_types (runtime_type, capacity) "
                        + "values (?1, ?2) on conflict (runtime_type) do update set capacity = excluded.capacity")
                .setParameter(1, type).setParameter(2, count).executeUpdate());
    }

    /** Locks the type's row for the transaction and returns its capacity (0 for a type this pool lacks). */
    int lock(String type) {
        var rows = entities.createNativeQuery("select capacity from pool_types where runtime_type = ?1 for update")
                .setParameter(1, type).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
    }

    /** Runtimes of the type admitted and not stopped. */
    int inUse(String type) {
        return ((Number) entities.createNativeQuery("select count(*) from runtimes where runtime_type = ?1 "
                + "and state <> 'stopped'").setParameter(1, type).getSingleResult()).intValue();
    }

    /** Capacity by type. */
    public Map<String, Integer> capacity() {
        return byType("select runtime_type, capacity from pool_types");
    }

    /** Runtimes in use by type. */
    public Map<String, Integer> inUse() {
        return byType("select runtime_type, count(*) from runtimes where state <> 'stopped' group by runtime_type");
    }

    /** A query's rows of (runtime type, number) as a map. */
    private Map<String, Integer> byType(String sql) {
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> rows = entities.createNativeQuery(sql).getResultList();
        Map<String, Integer> map = new java.util.HashMap<>();
        rows.forEach(row -> map.put((String) row[0], ((Number) row[1]).intValue()));
        return map;
    }
}
