package dev.stagecraft.query.application.web;

import dev.stagecraft.query.application.ApplicationSummary;
import dev.stagecraft.query.application.ApplicationView;
import dev.stagecraft.query.application.Applications;
import dev.stagecraft.query.web.NotFoundException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/applications")
class ApplicationController {

    private final Applications applications;

    ApplicationController(Applications applications) {
        this.applications = applications;
    }

    @GetMapping
    List<ApplicationSummary> list() {
        return applications.list();
    }

    @GetMapping("/{app}")
    ApplicationView get(@PathVariable String app) {
        return applications.find(app).orElseThrow(() -> NotFoundException.application(app));
    }
}
