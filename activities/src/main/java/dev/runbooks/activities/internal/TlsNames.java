package dev.runbooks.activities.internal;

import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Host name verification of a server certificate as RFC 6125 describes it: the DNS names of the
 * subject alternative names (a wildcard only as the whole left-most label), the IP addresses for an
 * address, and the subject's common name only when the certificate has no DNS name at all.
 */
final class TlsNames {
  private static final int DNS = 2;
  private static final int IP = 7;

  private TlsNames() {}

  /** The DNS and IP subject alternative names of a certificate, in order. */
  static List<String> names(X509Certificate cert) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() >= 2
              && san.get(0) instanceof Integer type
              && (type == DNS || type == IP)
              && san.get(1) instanceof String name) {
            names.add(name);
          }
        }
      }
    } catch (CertificateParsingException e) {
      // an unreadable extension names nothing
    }
    return names;
  }

  /** Whether the certificate is valid for the name (a host name or an IP address literal). */
  static boolean matches(X509Certificate cert, String serverName) {
    String name = serverName.toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    List<String> names = names(cert);
    if (isAddress(name)) {
      for (String n : names) {
        if (isAddress(n) && sameAddress(n, name)) {
          return true;
        }
      }
      return false;
    }
    boolean anyDns = false;
    for (String n : names) {
      if (!isAddress(n)) {
        anyDns = true;
        if (dnsMatches(n.toLowerCase(Locale.ROOT), name)) {
          return true;
        }
      }
    }
    if (!anyDns) {
      String cn = commonName(cert);
      return cn != null && dnsMatches(cn.toLowerCase(Locale.ROOT), name);
    }
    return false;
  }

  private static boolean dnsMatches(String pattern, String name) {
    String p = pattern.endsWith(".") ? pattern.substring(0, pattern.length() - 1) : pattern;
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (p.startsWith("*.")) {
      int dot = n.indexOf('.');
      return dot > 0 && n.substring(dot).equals(p.substring(1)) && p.indexOf('.', 2) > 0;
    }
    return p.equals(n);
  }

  private static String commonName(X509Certificate cert) {
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return String.valueOf(rdn.getValue());
        }
      }
    } catch (InvalidNameException e) {
      return null;
    }
    return null;
  }

  private static boolean isAddress(String s) {
    return s.contains(":") || s.matches("[0-9.]+");
  }

  private static boolean sameAddress(String a, String b) {
    try {
      // both are literals: no lookup happens
      return InetAddress.getByName(a).equals(InetAddress.getByName(b));
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
