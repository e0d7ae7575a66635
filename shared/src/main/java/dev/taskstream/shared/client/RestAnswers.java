package dev.taskstream.shared.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskstream.shared.api.ErrorBody;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Turns the outcome of one {@link TaskstreamClient} request into what its caller gets: the parsed answer, or an
 * {@link ApiException} whose message a person can act on (no answer at all, an error answer with the server's
 * {@link ErrorBody}, or an answer that does not parse). Kept apart so the client reads as the list of endpoints.
 */
final class RestAnswers {

    private RestAnswers() {
    }

    /**
     * The request got no answer: a connect timeout or refusal reads "cannot reach server", a request timeout names
     * the request ({@code what}) and the time it was given.
     */
    static ApiException noAnswer(IOException e, String baseUrl, String what, Duration requestTimeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return new ApiException(0, null, "cannot reach server at " + baseUrl + ": connection timed out", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new ApiException(0, null, "server at " + baseUrl + " did not answer " + what + " within "
                    + human(requestTimeout), e);
        }
        return new ApiException(0, null, "cannot reach server at " + baseUrl + ": " + SseClient.describe(e), e);
    }

    /**
     * The answer parsed as {@code answerType} (null for no type or an empty body); a non-2xx status throws with the
     * server's error body, an unparseable 2xx body throws naming the request.
     */
    static <T> T read(ObjectMapper json, HttpResponse<byte[]> response, String what, JavaType answerType) {
        int status = response.statusCode();
        byte[] bytes = response.body() == null ? new byte[0] : response.body();
        if (status < 200 || status > 299) {
            throw failure(status, bytes, what);
        }
        if (answerType == null || bytes.length == 0) {
            return null;
        }
        try {
            return json.readValue(bytes, answerType);
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new ApiException(status, null, "unexpected answer to " + what + ": " + reason, e);
        }
    }

    private static ApiException failure(int status, byte[] bytes, String what) {
        JsonNode errorJson = HttpBodies.parseObject(bytes);
        ErrorBody error = HttpBodies.errorBody(errorJson);
        StringBuilder m = new StringBuilder(what).append(" failed: HTTP ").append(status);
        if (error != null) {
            m.append(' ').append(error.error());
            if (error.detail() != null && !error.detail().isBlank()) {
                m.append(": ").append(error.detail());
            }
        } else if (bytes.length > 0) {
            m.append(": ").append(HttpBodies.snippet(bytes, 200));
        }
        return new ApiException(status, error, errorJson, m.toString(), null);
    }

    static String human(Duration d) {
        return d.toMillis() < 1000 || d.toMillis() % 1000 != 0 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }
}
