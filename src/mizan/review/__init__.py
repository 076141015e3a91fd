"""The review queue and access: reviewers' corrections of events (applied to the store, with
who, when, before and after kept), the registry overrides they imply, the labelled data they
give back, and the API tokens that say who may read, review or administer a store."""
