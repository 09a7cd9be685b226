package io.jotter.server.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error a resource throws, as an HTTP status and a JSON body; the one place that decides both. */
public class ApiExceptionMapper {
    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class);

    @ServerExceptionMapper
    public Response domain(ApiException e) {
        return json(e.status().getStatusCode(), e.body());
    }

    /** JAX-RS's own (unknown route, wrong method, ...): keep the status, give the body Jupyter's shape. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        Response response = e.getResponse();
        if (response.hasEntity()) {
            return response;
        }
        return json(response.getStatus(), new ApiError(e.getMessage(), response.getStatusInfo().getReasonPhrase()));
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e) {
        return json(400, new ApiError("the request body is not valid JSON: " + e.getOriginalMessage(), "Bad Request"));
    }

    /** A bug or an outage: logged here with its stack trace, which the client never sees. */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error serving a request", e);
        return json(500, new ApiError("unexpected server error; it has been logged", "Internal Server Error"));
    }

    private static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
