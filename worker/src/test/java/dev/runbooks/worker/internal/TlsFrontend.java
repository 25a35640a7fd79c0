package dev.runbooks.worker.internal;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.AddSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * A TLS gRPC endpoint standing in for a Temporal frontend that the dev server cannot be (its CLI
 * has no TLS flags): the gRPC health service reporting the workflow service SERVING, and an
 * operator service that lists no search attributes and denies adding them, as Temporal Cloud does.
 * It records the {@code authorization} header and the client certificate of every call.
 */
final class TlsFrontend implements AutoCloseable {
  private final Server server;
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  final List<String> clientSubjects = new CopyOnWriteArrayList<>();

  /**
   * Starts on 127.0.0.1:{@code port}.
   *
   * @param clientCa when not null, a client certificate signed by it is required (mutual TLS)
   */
  TlsFrontend(int port, TestPki.Identity identity, Path clientCa) throws IOException {
    var ssl = GrpcSslContexts.forServer(identity.cert().toFile(), identity.key().toFile());
    if (clientCa != null) {
      ssl.trustManager(clientCa.toFile()).clientAuth(ClientAuth.REQUIRE);
    }
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus(
        "temporal.api.workflowservice.v1.WorkflowService",
        io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
    ServerInterceptor record =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String auth =
                headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
            authorizations.add(auth == null ? "<none>" : auth);
            SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
            if (session != null) {
              try {
                clientSubjects.add(
                    ((X509Certificate) session.getPeerCertificates()[0])
                        .getSubjectX500Principal()
                        .getName());
              } catch (SSLPeerUnverifiedException e) {
                clientSubjects.add("<none>");
              }
            }
            return next.startCall(call, headers);
          }
        };
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
            .sslContext(ssl.build())
            .addService(ServerInterceptors.intercept(health.getHealthService(), record))
            .addService(ServerInterceptors.intercept(new DenyingOperator(), record))
            .build()
            .start();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Lists no custom attributes; refuses to add any, as a namespace without operator rights. */
  private static final class DenyingOperator extends OperatorServiceGrpc.OperatorServiceImplBase {
    @Override
    public void listSearchAttributes(
        ListSearchAttributesRequest request,
        StreamObserver<ListSearchAttributesResponse> response) {
      response.onNext(
          ListSearchAttributesResponse.newBuilder()
              .putAllCustomAttributes(Map.<String, IndexedValueType>of())
              .build());
      response.onCompleted();
    }

    @Override
    public void addSearchAttributes(
        AddSearchAttributesRequest request, StreamObserver<AddSearchAttributesResponse> response) {
      response.onError(
          Status.PERMISSION_DENIED.withDescription("Request unauthorized.").asRuntimeException());
    }
  }
}
