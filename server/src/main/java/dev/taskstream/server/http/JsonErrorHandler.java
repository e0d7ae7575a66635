package dev.taskstream.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.taskstream.shared.api.ErrorBody;
import dev.taskstream.shared.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers itself, before a request reaches Javalin (an ambiguous or malformed
 * URI, a bad header), in the same JSON shape as every other error instead of an HTML page, with
 * the CORS headers when the request came with an allowed origin (an unreadable request has none).
 */
final class JsonErrorHandler extends ErrorHandler {
    private final Cors cors;

    JsonErrorHandler(Cors cors) {
        this.cors = cors;
        setShowStacks(false);
        setShowCauses(false);
    }

    /** Jetty writes error bodies only for GET, POST and HEAD by default; ours are for every method. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
            String contentType, List<Charset> charsets, int code, String message, Throwable cause) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        cors.headersFor(request.getHeaders().get(HttpHeader.ORIGIN)).forEach(response.getHeaders()::put);
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    static byte[] body(int code, String message) {
        String detail = (message == null || message.isBlank() ? HttpStatus.getMessage(code) : message)
                + " (the request could not be read as a valid HTTP request for this API)";
        try {
            return Json.mapper().writeValueAsBytes(new ErrorBody(HttpApi.errorName(code), detail, HttpApi.errorName(code)));
        } catch (JsonProcessingException e) {
            return "{\"error\":\"bad_request\",\"detail\":\"invalid request\",\"code\":\"bad_request\"}".getBytes(StandardCharsets.UTF_8);
        }
    }
}
