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
 * HTML, never a stack trace and never Jetty's own wording: the message is the service's fixed sentence for the status.
 * Every such response is counted in the metrics under the route {@link ServiceMetrics#ROUTE_PROTOCOL}. Thread-safe.
 */
public final class JsonErrorHandler extends ErrorHandler {

    static final String CONTENT_TYPE = "application/json";

    private final ServiceMetrics metrics;

    public JsonErrorHandler(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        if (status < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR_500;
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        if (status == HttpStatus.SERVICE_UNAVAILABLE_503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        int counted = status;
        response.write(true, ByteBuffer.wrap(body(status)), Callback.from(() -> {
            metrics.record(ServiceMetrics.ROUTE_PROTOCOL, counted, 0);
            callback.succeeded();
        }, failure -> {
            metrics.record(ServiceMetrics.ROUTE_PROTOCOL, counted, 0);
            callback.failed(failure);
        }));
        return true;
    }

    static byte[] body(int status) {
        return JsonBodies.error(code(status), message(status));
    }

    static String message(int status) {
        return switch (status) {
            case 400 -> "the request is not valid HTTP/1.1";
            case 408 -> "the request did not arrive in time";
            case 413 -> "the request body is too large";
            case 414 -> "the request target is too long";
            case 431 -> "the request headers are too large";
            case 501 -> "the server does not implement this request";
            case 503 -> "the service is stopping or unavailable; retry later";
            case 505 -> "only HTTP/1.0 and HTTP/1.1 are supported";
            default -> status >= 500 ? "the server failed; the service log has the reason"
                    : "the request was refused (" + HttpStatus.getMessage(status) + ")";
        };
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
            case 501 -> "not_implemented";
            case 503 -> "unavailable";
            case 505 -> "http_version_not_supported";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
    }
}
