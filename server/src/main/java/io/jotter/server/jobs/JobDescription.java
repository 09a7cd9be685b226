package io.jotter.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** What an executed notebook says of its job, in {@code metadata.jotter.job}: enough to find it and read its end. */
final class JobDescription {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobDescription() {
    }

    static ObjectNode of(Job job) {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("id", job.id())
                .put("state", job.state().wire())
                .put("source_path", job.sourcePath())
                .put("runtime_type", job.runtimeType())
                .put("runtime_id", job.runtimeId())
                .put("continue_on_error", job.continueOnError())
                .put("time_limit_seconds", job.timeLimit().toSeconds())
                .put("created_at", text(job.createdAt()))
                .put("started_at", text(job.startedAt()))
                .put("finished_at", text(job.finishedAt()))
                .put("error", job.error());
        node.set("parameters", parameters(job.parametersJson()));
        return node;
    }

    static JsonNode parameters(String json) {
        if (json == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a job's parameters are not JSON", e);
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
