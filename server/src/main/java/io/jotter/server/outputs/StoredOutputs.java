package io.jotter.server.outputs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jotter.kernel.protocol.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Writes a cell's outputs into the stored notebook in place, without raising its version or its
 * modification time: outputs arriving are not an edit, and must neither make the browser's next save
 * a conflict nor make JupyterLab think the file changed on disk.
 */
@ApplicationScoped
public class StoredOutputs {
    private final EntityManager entities;

    public StoredOutputs(EntityManager entities) {
        this.entities = entities;
    }

    /** The outputs stored in a code cell, or an empty list. */
    @Transactional
    public ArrayNode read(NotebookCell cell) {
        List<?> rows = entities.createNativeQuery("""
                select cast(e.cell -> 'outputs' as text)
                  from notebooks nb, jsonb_array_elements(nb.content -> 'cells') as e(cell)
                 where nb.owner = ?1 and nb.path = ?2 and nb.type = 'notebook' and e.cell ->> 'id' = ?3
                 limit 1
                """).setParameter(1, cell.owner()).setParameter(2, cell.path()).setParameter(3, cell.cellId())
                .getResultList();
        try {
            JsonNode outputs = rows.isEmpty() || rows.get(0) == null ? null : Json.MAPPER.readTree((String) rows.get(0));
            return outputs instanceof ArrayNode list ? list : Json.MAPPER.createArrayNode();
        } catch (JsonProcessingException e) {
            return Json.MAPPER.createArrayNode();
        }
    }

    /** @return whether the notebook had the cell, as a code cell */
    @Transactional
    public boolean write(CellRun.Snapshot snapshot) {
        NotebookCell cell = snapshot.cell();
        // Lock the row first: a save that moves cells around cannot slip in between finding the cell and writing it.
        List<?> locked = entities.createNativeQuery("select id from notebooks where owner = ?1 and path = ?2 and type = 'notebook' for update")
                .setParameter(1, cell.owner()).setParameter(2, cell.path()).getResultList();
        if (locked.isEmpty()) {
            return false;
        }
        int updated = entities.createNativeQuery("""
                update notebooks n
                   set content = case when ?5 then jsonb_set(n.content, array['cells', c.idx::text, 'outputs'], cast(?1 as jsonb))
                                 else jsonb_set(jsonb_set(n.content, array['cells', c.idx::text, 'outputs'], cast(?1 as jsonb)),
                                                array['cells', c.idx::text, 'execution_count'], cast(?2 as jsonb)) end
                  from (select (e.ord - 1) as idx
                          from notebooks nb, jsonb_array_elements(nb.content -> 'cells') with ordinality as e(cell, ord)
                         where nb.id = ?3 and e.cell ->> 'id' = ?4 and e.cell ->> 'cell_type' = 'code'
                         limit 1) c
                 where n.id = ?3
                """)
                .setParameter(1, snapshot.outputs().toString())
                .setParameter(2, snapshot.executionCount() == null ? "null" : snapshot.executionCount().toString())
                .setParameter(3, ((Number) locked.get(0)).longValue())
                .setParameter(4, cell.cellId())
                .setParameter(5, snapshot.keepsCount())
                .executeUpdate();
        return updated > 0;
    }
}
