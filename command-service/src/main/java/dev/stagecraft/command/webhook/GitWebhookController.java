package dev.stagecraft.command.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/git}: GitHub web hook deliveries. Outside {@code /api/v1} and without a user: the
 * signature ({@code X-Hub-Signature-256}, HMAC-SHA256 of the raw body under {@code stagecraft.webhooks.git.secret})
 * is the authentication. Unsigned or badly signed: 401; a delivery id seen before: 409 (a replay); no secret
 * configured: 503. {@code ping} is answered 200, {@code push} deploys the pushed commit to the stages whose branch
 * was pushed (202, the commands listed), other events are ignored (200, with a sentence).
 */
@RestController
class GitWebhookController {

    static final String EVENT = "X-GitHub-Event";
    static final String DELIVERY = "X-GitHub-Delivery";
    static final String SIGNATURE = "X-Hub-Signature-256";

    private static final Logger log = LoggerFactory.getLogger(GitWebhookController.class);

    /** The answer to a delivery that was verified. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Answer(String delivery, String message, List<PushDeployer.Started> commands) {}

    private final GitWebhookProperties properties;
    private final Deliveries deliveries;
    private final StageTargets targets;
    private final PushDeployer deployer;
    private final Clock clock;

    GitWebhookController(
            GitWebhookProperties properties,
            Deliveries deliveries,
            StageTargets targets,
            PushDeployer deployer,
            Clock clock) {
        this.properties = properties;
        this.deliveries = deliveries;
        this.targets = targets;
        this.deployer = deployer;
        this.clock = clock;
    }

    @PostMapping("/webhooks/git")
    ResponseEntity<?> receive(
            @RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(name = EVENT, required = false) @Nullable String event,
            @RequestHeader(name = DELIVERY, required = false) @Nullable String delivery,
            @RequestHeader(name = SIGNATURE, required = false) @Nullable String signature) {
        String secret = properties.secret();
        if (secret == null) {
            return problem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Git web hook not configured",
                    "the git web hook is not configured on this command-service; set stagecraft.webhooks.git.secret"
                            + " (env STAGECRAFT_WEBHOOKS_GIT_SECRET) to the secret of the GitHub web hook");
        }
        byte[] raw = body == null ? new byte[0] : body;
        if (signature == null || signature.isBlank()) {
            return problem(
                    HttpStatus.UNAUTHORIZED,
                    "Unsigned delivery",
                    "the delivery has no " + SIGNATURE + " header; set a secret on the GitHub web hook, the same as"
                            + " stagecraft.webhooks.git.secret");
        }
        if (!Signature.matches(raw, secret, signature)) {
            return problem(
                    HttpStatus.UNAUTHORIZED,
                    "Bad signature",
                    "the " + SIGNATURE + " of the delivery does not match its body; the secret of the GitHub web"
                            + " hook must be the same as stagecraft.webhooks.git.secret");
        }
        if (delivery == null || delivery.isBlank() || event == null || event.isBlank()) {
            return problem(
                    HttpStatus.BAD_REQUEST,
                    "Not a GitHub delivery",
                    "the delivery needs the " + EVENT + " and " + DELIVERY + " headers GitHub sends");
        }
        if (!deliveries.firstTime(delivery, event, clock.instant())) {
            return problem(
                    HttpStatus.CONFLICT,
                    "Replayed delivery",
                    "delivery " + delivery + " was received before; a delivery is acted on once");
        }
        return switch (event) {
            case "ping" ->
                ResponseEntity.ok(new Answer(delivery, "pong: the web hook's signature is valid", List.of()));
            case "push" -> push(delivery, raw);
            default ->
                ResponseEntity.ok(new Answer(
                        delivery,
                        "event " + event + " is ignored; only push deploys (choose \"Just the push event\" in GitHub)",
                        List.of()));
        };
    }

    private ResponseEntity<?> push(String delivery, byte[] body) {
        Push push;
        try {
            push = Push.read(body);
        } catch (Push.Unreadable unreadable) {
            return problem(HttpStatus.BAD_REQUEST, "Unreadable push", String.valueOf(unreadable.getMessage()));
        }
        try {
            return deploy(delivery, push);
        } catch (RuntimeException e) {
            deliveries.forget(delivery);
            throw e;
        }
    }

    private ResponseEntity<?> deploy(String delivery, Push push) {
        String branch = push.branch();
        String sha = push.after();
        if (branch == null) {
            return ignored(delivery, push.ref() + " is not a branch; only pushes to branches deploy");
        }
        if (push.deleted() || sha == null || sha.chars().allMatch(c -> c == '0')) {
            return ignored(delivery, "branch " + branch + " was deleted; nothing is deployed");
        }
        List<StageTargets.Target> stages = targets.of(push, branch);
        if (stages.isEmpty()) {
            return ignored(
                    delivery,
                    "no pipeline stage of an application with repository " + String.join(" or ", push.repositories())
                            + " follows branch " + branch + "; nothing is deployed");
        }
        List<PushDeployer.Started> started = deployer.deploy(delivery, push, branch, sha, stages);
        log.info("git push {} of {} to {} by {}: {}", delivery, sha, branch, push.actor(), started);
        boolean any = started.stream().anyMatch(s -> "ACCEPTED".equals(s.status()));
        String message = (any ? "deploying " : "nothing deployed: refused ") + properties.version(sha, branch)
                + " (commit " + sha + ") to "
                + String.join(
                        ", ",
                        started.stream()
                                .map(s -> s.app() + "/" + s.environment())
                                .toList());
        Answer answer = new Answer(delivery, message, started);
        return any ? ResponseEntity.accepted().body(answer) : ResponseEntity.ok(answer);
    }

    private static ResponseEntity<Answer> ignored(String delivery, String message) {
        return ResponseEntity.ok(new Answer(delivery, message, List.of()));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("urn:stagecraft:problem:git-webhook"));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
