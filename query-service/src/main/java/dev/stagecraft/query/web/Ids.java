package dev.stagecraft.query.web;

import dev.stagecraft.contracts.DeploymentId;

/** Parses ids from paths, refusing malformed ones with a sentence. */
public final class Ids {

    private Ids() {}

    public static DeploymentId deployment(String text) {
        try {
            return DeploymentId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("'" + text + "' is not a deployment id; a deployment id is a UUID such as "
                    + "3f2a9c1e-8b7d-4c2e-9f10-5a6b7c8d9e0f, the deploymentId that command-service answered");
        }
    }
}
