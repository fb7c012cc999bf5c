package dev.stagecraft.deployer.driver.kubernetes;

import dev.stagecraft.deployer.driver.Link;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The URLs of an environment (DESIGN §5 {@code info}): each host of its Ingresses ({@code https} when the
 * Ingress has TLS for it) and each address of its Services of type LoadBalancer.
 */
final class Links {

    private Links() {}

    static List<Link> of(List<Ingress> ingresses, List<Service> services) {
        List<Link> links = new ArrayList<>();
        for (Ingress ingress : ingresses) {
            for (IngressRule rule : rules(ingress)) {
                if (rule.getHost() != null && !rule.getHost().isBlank()) {
                    String scheme = tls(ingress, rule.getHost()) ? "https" : "http";
                    links.add(new Link(rule.getHost(), scheme + "://" + rule.getHost() + "/"));
                }
            }
        }
        for (Service service : services) {
            if ("LoadBalancer".equals(service.getSpec().getType())) {
                links.addAll(loadBalancer(service));
            }
        }
        return links;
    }

    private static List<IngressRule> rules(Ingress ingress) {
        return ingress.getSpec() == null || ingress.getSpec().getRules() == null
                ? List.of()
                : ingress.getSpec().getRules();
    }

    private static boolean tls(Ingress ingress, String host) {
        List<IngressTLS> tls = ingress.getSpec().getTls() == null
                ? List.of()
                : ingress.getSpec().getTls();
        return tls.stream().anyMatch(t -> t.getHosts() != null && t.getHosts().contains(host));
    }

    private static List<Link> loadBalancer(Service service) {
        if (service.getStatus() == null
                || service.getStatus().getLoadBalancer() == null
                || service.getStatus().getLoadBalancer().getIngress() == null) {
            return List.of();
        }
        List<ServicePort> ports = service.getSpec().getPorts() == null
                ? List.of()
                : service.getSpec().getPorts();
        String port = ports.isEmpty() || ports.getFirst().getPort() == 80
                ? ""
                : ":" + ports.getFirst().getPort();
        String scheme = !ports.isEmpty() && ports.getFirst().getPort() == 443 ? "https" : "http";
        return service.getStatus().getLoadBalancer().getIngress().stream()
                .flatMap(Links::address)
                .map(address -> new Link(
                        service.getMetadata().getName(),
                        scheme + "://" + address + (scheme.equals("https") ? "" : port) + "/"))
                .toList();
    }

    private static Stream<String> address(LoadBalancerIngress ingress) {
        if (ingress.getHostname() != null) {
            return Stream.of(ingress.getHostname());
        }
        return Stream.ofNullable(ingress.getIp());
    }
}
