package dev.stagecraft.query.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /dashboard/config.json}: open like the dashboard's files, since the browser needs it to sign in. */
@RestController
class DashboardController {

    private final DashboardProperties properties;

    DashboardController(DashboardProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/dashboard/config.json")
    ResponseEntity<DashboardConfig> config(HttpServletRequest request) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .body(DashboardConfig.of(properties, request.getScheme(), request.getServerName()));
    }
}
