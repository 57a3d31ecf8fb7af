package dev.schemabench.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client against a running service; raw paths are sent as given. */
final class HttpTestClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    HttpTestClient(URI base) {
        this.base = base;
    }

    HttpResponse<String> get(String rawPathAndQuery) {
        return send(HttpRequest.newBuilder(uri(rawPathAndQuery)).GET());
    }

    HttpResponse<String> get(String rawPathAndQuery, String token) {
        return send(HttpRequest.newBuilder(uri(rawPathAndQuery)).GET().header("Authorization", "Bearer " + token));
    }

    HttpResponse<String> post(String rawPathAndQuery, String token, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(rawPathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return send(builder);
    }

    HttpResponse<String> method(String method, String rawPathAndQuery) {
        return send(HttpRequest.newBuilder(uri(rawPathAndQuery)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (status " + response.statusCode() + "): " + response.body(), e);
        }
    }

    private URI uri(String rawPathAndQuery) {
        return URI.create(base + rawPathAndQuery);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return client.send(builder.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
