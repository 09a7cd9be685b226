package io.jotter.server.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code GET /api/me}: Jupyter Server 2's identity API, for the one user of a single-user server. */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
    /** Jupyter Server's {@code identity} object; avatar and color are left to the client. */
    public record Identity(String username, String name, String displayName, String initials,
                           String avatarUrl, String color) {
    }

    /** The answer: who the caller is, and which of the asked-for actions they may take. */
    public record Me(Identity identity, Map<String, List<String>> permissions) {
    }

    private final CurrentUser user;
    private final ObjectMapper json;

    public MeResource(CurrentUser user, ObjectMapper json) {
        this.user = user;
        this.json = json;
    }

    /**
     * @param permissions {@code {"contents": ["read", "write"]}}, the actions to ask about by resource;
     *                    the single user may take every one, so all come back granted
     */
    @GET
    public Me me(@QueryParam("permissions") String permissions) {
        String name = user.name();
        String shown = user.account().displayName();
        return new Me(new Identity(name, shown, shown, initials(shown), null, null),
                permissions == null || permissions.isBlank() ? Map.of() : parse(permissions));
    }

    private static String initials(String name) {
        return name.isEmpty() ? "" : name.substring(0, 1).toUpperCase(Locale.ROOT);
    }

    private Map<String, List<String>> parse(String permissions) {
        try {
            return json.readValue(permissions, new TypeReference<Map<String, List<String>>>() { });
        } catch (JsonProcessingException e) {
            throw new WebApplicationException(Response.status(Response.Status.BAD_REQUEST)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("message", "permissions should be a JSON object of {\"resource\": [\"action\", ...]}"))
                    .build());
        }
    }
}
