package io.jotter.server.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jotter.pool.catalog.UnknownRuntimeTypeException;
import io.jotter.pool.reservations.InvalidReservationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error a resource throws, as an HTTP status and a JSON body; the one place that decides both. */
public class ApiExceptionMapper {
    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class);
    /** PostgreSQL's SQLSTATE for a unique constraint violated. */
    private static final String UNIQUE_VIOLATION = "23505";

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

    /** A runtime type nobody offers, a reservation window off the quarter hours: the pool's own words. */
    @ServerExceptionMapper
    public Response pool(UnknownRuntimeTypeException e) {
        return json(400, new ApiError(e.getMessage(), "Bad Request"));
    }

    @ServerExceptionMapper
    public Response reservation(InvalidReservationException e) {
        return json(400, new ApiError(e.getMessage(), "Bad Request"));
    }

    @ServerExceptionMapper
    public Response badTime(java.time.format.DateTimeParseException e) {
        return json(400, new ApiError("not a time Jotter reads (ISO 8601, such as 2026-12-07T10:00:00Z): "
                + e.getParsedString(), "Bad Request"));
    }

    /** A bug or an outage: logged here with its stack trace, which the client never sees. */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (isUniqueViolation(e)) {
            // Two requests creating the same thing at once: the database kept one, the other is told so.
            return json(409, new ApiError("it was created by another request at the same moment; try again",
                    "Conflict"));
        }
        LOG.error("unexpected error serving a request", e);
        return json(500, new ApiError("unexpected server error; it has been logged", "Internal Server Error"));
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
