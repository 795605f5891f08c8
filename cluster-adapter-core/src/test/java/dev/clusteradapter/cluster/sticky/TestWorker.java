package dev.clusteradapter.cluster.sticky;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.SocketIOServer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A plain netty-socketio server standing in for a worker process: {@code randomSession=false}
 * with a {@link SessionIdAssigner}, a {@link HandoverReceiver} adopting connections into the
 * server's own pipeline, and the probe events {@code whoami} and {@code echo}.
 */
final class TestWorker implements AutoCloseable {

	static final int MAX_PAYLOAD = 2 * 1024 * 1024;

	final int id;

	final SocketIOServer server;

	final InetSocketAddress address;

	final HandoverReceiver receiver;

	private final EventLoopGroup adoptionGroup;

	TestWorker(int id, Path handoverDir) throws Exception {
		this.id = id;
		Configuration config = new Configuration();
		config.setHostname("127.0.0.1");
		config.setPort(0);
		config.setRandomSession(false);
		config.setUseLinuxNativeEpoll(true);
		config.setMaxHttpContentLength(MAX_PAYLOAD);
		config.setMaxFramePayloadLength(MAX_PAYLOAD);
		// As the starter's default. With it on, an upgrading client now and then never gets an
		// ack sent during the probe (9 of about 2000 relayed JavaScript clients, 0 of 1380 off).
		config.setWebsocketCompression(false);
		config.getSocketConfig().setReuseAddress(true);
		config.setWorkerThreads(1);
		config.setBossThreads(1);
		this.server = new SocketIOServer(config);
		SessionIdAssigner assigner = new SessionIdAssigner(id);
		SocketIOChannelInitializer initializer = new SocketIOChannelInitializer() {

			@Override
			protected void addSocketioHandlers(ChannelPipeline pipeline) {
				super.addSocketioHandlers(pipeline);
				pipeline.addAfter(HTTP_REQUEST_DECODER, "sessionIdAssigner", assigner);
				pipeline.addAfter(HTTP_ENCODER, "connectionClose", new ConnectionCloseOnPolling());
			}

		};
		this.server.setPipelineFactory(initializer);
		this.server.addEventListener("whoami", Object.class, (client, data, ack) -> {
			Map<String, Object> who = new LinkedHashMap<>();
			who.put("id", client.getSessionId().toString());
			who.put("worker", id);
			String forwarded = client.getHandshakeData().getHttpHeaders().get("X-Forwarded-For");
			who.put("forwardedFor", forwarded);
			ack.sendAckData(who);
		});
		this.server.addEventListener("echo", Object.class, (client, data, ack) -> ack.sendAckData(data));
		ChannelFuture bound = (ChannelFuture) this.server.startAsync().syncUninterruptibly();
		this.address = (InetSocketAddress) bound.channel().localAddress();
		this.adoptionGroup = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
		this.receiver = new HandoverReceiver(handoverDir.resolve("worker-" + id + ".sock"), this.adoptionGroup,
				(fd, alreadyRead) -> {
					Channel channel = new EpollSocketChannel(fd);
					channel.pipeline().addLast(new AlreadyReadReplay(alreadyRead), initializer);
					this.adoptionGroup.register(channel);
				});
		this.receiver.start();
	}

	/**
	 * Stands in for the worker option another part of the project builds: netty-socketio
	 * closes a polling connection after each response but announces {@code keep-alive}, so
	 * HTTP clients that pool connections (Node's default agent does) reuse a dying one.
	 */
	@Sharable
	static final class ConnectionCloseOnPolling extends ChannelOutboundHandlerAdapter {

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			if (msg instanceof HttpResponse response
					&& !HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status())) {
				response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
			}
			ctx.write(msg, promise);
		}

	}

	WorkerEndpoint endpoint() {
		return new WorkerEndpoint(this.id, this.address, this.receiver.socket(), this.server.getAllClients().size());
	}

	int clients() {
		return this.server.getAllClients().size();
	}

	@Override
	public void close() {
		this.receiver.close();
		this.server.stop();
		this.adoptionGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

}
