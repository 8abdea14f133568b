package dev.openmail.bootstrap;

import dev.openmail.adapters.rest.error.ErrorCatalogue;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Each route's request body limit, applied in the Netty pipeline right after the HTTP codec, before Micronaut reads or
 * buffers anything: a request whose Content-Length exceeds its route's limit is answered 413 at once, its body never
 * passed on (JSON {@code payload_too_large} for the API, a page for the console), and the connection closed; a body
 * without a Content-Length (chunked) is passed on as it comes and the connection cut as soon as it passes the limit.
 *
 * <p>The limits: a send ({@code POST /v1/inboxes/{id}/send}, attachments as multipart or base64) the server's
 * {@code micronaut.server.max-request-size}; the console's sign-in 4 KiB and its other forms 16 KiB; every other API
 * route 1 MiB, what a JSON body of the API may hold; a message to the MCP server ({@code /mcp}) 4 MiB, room for a send's
 * longest text and HTML bodies however they are escaped; anything else 64 KiB. HTTP/1.1 only: the server speaks no HTTP/2.
 */
@Singleton
final class RequestBodyLimits implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    static final long SIGN_IN = 4 * 1024;
    static final long CONSOLE_FORM = 16 * 1024;
    static final long API_JSON = 1024 * 1024;
    static final long MCP_MESSAGE = 4 * 1024 * 1024;
    static final long OTHER = 64 * 1024;
    /** After a 413, what the client still sends is read and dropped for this long, so that it can read the answer. */
    private static final long LINGER_MILLIS = 2000;

    private final long sendLimit;

    RequestBodyLimits(NettyHttpServerConfiguration server) {
        this.sendLimit = server.getMaxRequestSize();
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                return role == ChannelRole.CONNECTION ? new PerConnection(channel) : this;
            }
        });
        return event.getBean();
    }

    private final class PerConnection implements NettyServerCustomizer {
        private final Channel channel;

        PerConnection(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null) {
                String after = pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_DECOMPRESSOR) != null
                        ? ChannelPipelineCustomizer.HANDLER_HTTP_DECOMPRESSOR
                        : ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC;
                pipeline.addAfter(after, "openmail-body-limits", new Enforcer());
            }
        }
    }

    /** The limit of the route a request goes to, by its method and path. */
    long limitFor(HttpMethod method, String uri) {
        String path = pathOf(uri);
        if (path.startsWith("/console/") || path.equals("/console")) {
            return path.equals("/console/sign-in") ? SIGN_IN : CONSOLE_FORM;
        }
        if (path.startsWith("/v1/") || path.startsWith("/admin/")) {
            return HttpMethod.POST.equals(method) && isSend(path) ? sendLimit : API_JSON;
        }
        if (path.equals("/mcp")) {
            return MCP_MESSAGE;
        }
        return OTHER;
    }

    /** The path without query, with runs of slashes as one (as the router reads it). */
    private static String pathOf(String uri) {
        int end = uri.length();
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        StringBuilder path = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            char c = uri.charAt(i);
            if (c != '/' || path.length() == 0 || path.charAt(path.length() - 1) != '/') {
                path.append(c);
            }
        }
        if (path.length() > 1 && path.charAt(path.length() - 1) == '/') {
            path.setLength(path.length() - 1);
        }
        return path.toString();
    }

    private static boolean isSend(String path) {
        String[] segments = path.split("/", -1);
        return segments.length == 5 && segments[1].equals("v1") && segments[2].equals("inboxes")
                && segments[4].equals("send");
    }

    private static boolean isConsole(String uri) {
        String path = pathOf(uri);
        return path.equals("/console") || path.startsWith("/console/");
    }

    /** One per connection; HTTP/1.1 reads one request at a time. */
    private final class Enforcer extends ChannelInboundHandlerAdapter {
        private long limit = Long.MAX_VALUE;
        private long received;
        private boolean dropping;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (dropping) {
                ReferenceCountUtil.release(message);
                return;
            }
            if (message instanceof HttpRequest request) {
                limit = limitFor(request.method(), request.uri());
                received = 0;
                if (HttpUtil.getContentLength(request, -1L) > limit) {
                    ReferenceCountUtil.release(message);
                    refuse(ctx, request);
                    return;
                }
            }
            if (message instanceof HttpContent content) {
                received += content.content().readableBytes();
                if (received > limit) {
                    // Micronaut has the request already and may be answering it: the body is cut off, not answered.
                    ReferenceCountUtil.release(message);
                    dropping = true;
                    ctx.close();
                    return;
                }
                if (content instanceof LastHttpContent) {
                    limit = Long.MAX_VALUE;
                }
            }
            ctx.fireChannelRead(message);
        }

        private void refuse(ChannelHandlerContext ctx, HttpRequest request) {
            dropping = true;
            ctx.channel().config().setAutoRead(true);
            String message = "The request body is larger than this route takes (" + limit + " bytes); send a smaller"
                    + " body.";
            boolean console = isConsole(request.uri());
            String body = console
                    ? "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too large</title></head>"
                            + "<body><h1>Too large</h1><p class=\"error\">" + message + "</p></body></html>"
                    : "{\"error\":\"" + ErrorCatalogue.codeForStatus(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                            + "\",\"message\":\"" + message + "\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(bytes));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, console ? "text/html;charset=utf-8" : "application/json")
                    .set(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            ctx.writeAndFlush(response).addListener((ChannelFutureListener) written ->
                    ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS));
        }
    }
}
