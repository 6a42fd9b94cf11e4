package io.virtplatform.exporter.cli;

import java.net.InetSocketAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code HOST:PORT}, {@code [IPv6]:PORT} or {@code :PORT} (all interfaces). */
final class ListenAddress implements ITypeConverter<InetSocketAddress> {

  @Override
  public InetSocketAddress convert(String value) {
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw new TypeConversionException("expected HOST:PORT, got '" + value + "'");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new TypeConversionException("invalid port in '" + value + "'");
    }
    if (port < 0 || port > 65535) {
      throw new TypeConversionException("port out of range in '" + value + "'");
    }
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }
}
