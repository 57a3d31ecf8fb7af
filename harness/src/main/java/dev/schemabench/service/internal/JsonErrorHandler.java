package dev.schemabench.service.internal;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Turns every error Jetty produces itself (a request line it cannot parse, an ambiguous path, headers too large, a
 * request refused during shutdown, an exception that escaped a handler) into the service's JSON error body, never
 * HTML and never a stack trace.
 */
public final class JsonErrorHandler extends ErrorHandler {

    static final String CONTENT_TYPE = "application/json";
    private static final int MAX_MESSAGE_CHARS = 200;

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        if (status < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR_500;
        }
        String message = request.getAttribute(ERROR_MESSAGE) instanceof String text ? text : null;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        if (status == HttpStatus.SERVICE_UNAVAILABLE_503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        response.write(true, ByteBuffer.wrap(body(status, message)), callback);
        return true;
    }

    static byte[] body(int status, String message) {
        String shown = status >= 500 || message == null || message.isBlank()
                ? HttpStatus.getMessage(status) : message;
        if (shown.length() > MAX_MESSAGE_CHARS) {
            shown = shown.substring(0, MAX_MESSAGE_CHARS);
        }
        return JsonBodies.error(code(status), shown);
    }

    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
    }
}
