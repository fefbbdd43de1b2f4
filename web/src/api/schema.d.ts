// Generated from the OpenAPI document by `npm run gen:web-api`; do not edit.

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the API, Temporal and MongoDB are up */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This OpenAPI document */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List members
         * @description Requires the `members.read` permission.
         */
        get: operations["getWorkspaceMembers"];
        put?: never;
        /**
         * Add a member and issue their API key (shown once)
         * @description Requires the `members.manage` permission.
         */
        post: operations["postWorkspaceMembers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller: email, name and role
         * @description Requires the `workspace.read` permission.
         */
        get: operations["getWorkspaceMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/me/keys/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the caller's own keys: all are revoked, one new key is shown once
         * @description Requires the `workspace.read` permission.
         */
        post: operations["postWorkspaceMeKeysRotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/members/{email}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member: their keys stop working and their leased images are released
         * @description Requires the `members.manage` permission.
         */
        delete: operations["deleteWorkspaceMembersEmail"];
        options?: never;
        head?: never;
        /**
         * Change a member's role or name
         * @description Requires the `members.manage` permission.
         */
        patch: operations["patchWorkspaceMembersEmail"];
        trace?: never;
    };
    "/{workspace}/members/{email}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue another API key for a member (shown once)
         * @description Requires the `members.manage` permission.
         */
        post: operations["postWorkspaceMembersEmailKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/members/{email}/keys/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a member's keys: all are revoked, one new key is shown once
         * @description Requires the `members.manage` permission.
         */
        post: operations["postWorkspaceMembersEmailKeysRotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys by prefix (never the secrets)
         * @description Requires the `members.manage` permission.
         */
        get: operations["getWorkspaceKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/keys/{prefix}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke one API key; it stops working at once
         * @description Requires the `members.manage` permission.
         */
        delete: operations["deleteWorkspaceKeysPrefix"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Membership, role and key changes, newest first
         * @description Requires the `audit.read` permission.
         */
        get: operations["getWorkspaceAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List projects
         * @description Requires the `projects.read` permission.
         */
        get: operations["getWorkspaceProjects"];
        put?: never;
        /**
         * Create a project
         * @description Requires the `projects.manage` permission.
         */
        post: operations["postWorkspaceProjects"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/projects/{project}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a project
         * @description Requires the `projects.read` permission.
         */
        get: operations["getWorkspaceProjectsProject"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename a project or change its classes
         * @description Requires the `projects.manage` permission.
         */
        patch: operations["patchWorkspaceProjectsProject"];
        trace?: never;
    };
    "/{workspace}/{project}/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A page of the project's images matching the filters, in upload order (or by name within a job or batch); a page may hold fewer than `limit` when matches are rare: follow `next` until it is null
         * @description Requires the `batches.manage` permission.
         */
        get: operations["getWorkspaceProjectImages"];
        put?: never;
        /**
         * Upload images (multipart `file` parts, optional `batch`); answers once they are checked and recorded, then thumbnails and previews are made (follow them at `uploads/{upload}`)
         * @description Requires the `images.upload` permission.
         */
        post: operations["postWorkspaceProjectImages"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/uploads/{upload}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An upload's ingestion: files done of total and, once recorded, its batch, images and errors as the upload answered them
         * @description Requires the `images.upload` permission.
         */
        get: operations["getWorkspaceProjectUploadsUpload"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/images/{image}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The image as uploaded, with its content type
         * @description Requires the `projects.read` permission.
         */
        get: operations["getWorkspaceProjectImagesImageFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/images/{image}/thumbnail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The image's 256 px WebP thumbnail (404 until made)
         * @description Requires the `projects.read` permission.
         */
        get: operations["getWorkspaceProjectImagesImageThumbnail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/images/{image}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The image's 1280 px WebP preview (404 until made)
         * @description Requires the `projects.read` permission.
         */
        get: operations["getWorkspaceProjectImagesImagePreview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/images/{image}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An image with its batch, job, state and latest annotation
         * @description Requires the `batches.manage` permission.
         */
        get: operations["getWorkspaceProjectImagesImage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the project's batches with counts per image state (Roboflow `list_batches`)
         * @description Requires the `batches.manage` permission.
         */
        get: operations["getWorkspaceProjectBatches"];
        put?: never;
        /**
         * Create a batch from image ids or a sample (random with a seed, or oldest first), moving the images into it; images in a job or already submitted stay and are listed in `excluded`
         * @description Requires the `batches.manage` permission.
         */
        post: operations["postWorkspaceProjectBatches"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/batches/{batch}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a batch with counts per image state (Roboflow `get_batch`)
         * @description Requires the `batches.manage` permission.
         */
        get: operations["getWorkspaceProjectBatchesBatch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/batches/{batch}/fill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How far the request that created the batch has moved its images in, and once filled the answer POST batches gives (for a request answered 503 "accepted")
         * @description Requires the `batches.manage` permission.
         */
        get: operations["getWorkspaceProjectBatchesBatchFill"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/batches/{batch}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Archive a batch: no new job from it; its images in no job may be taken into another batch
         * @description Requires the `batches.manage` permission.
         */
        post: operations["postWorkspaceProjectBatchesBatchArchive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/annotation-batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A page of the project's batches, oldest first (empty ones only with `showEmpty=true`); pass `next` as `after` for the next page
         * @description Requires the `batches.manage` permission.
         */
        get: operations["getWorkspaceProjectAnnotationBatches"];
        put?: never;
        /**
         * Move listed images of one batch into a new batch (same rules and answer as POST batches)
         * @description Requires the `batches.manage` permission.
         */
        post: operations["postWorkspaceProjectAnnotationBatches"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/annotation-batches/{batch}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a batch with counts per image state
         * @description Requires the `batches.manage` permission.
         */
        get: operations["getWorkspaceProjectAnnotationBatchesBatch"];
        put?: never;
        post?: never;
        /**
         * Delete a batch (409 while any of its images has labels); its images, with their jobs, go to the "Unassigned" batch
         * @description Requires the `batches.manage` permission.
         */
        delete: operations["deleteWorkspaceProjectAnnotationBatchesBatch"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/annotation-batches/{batch}/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A page of the batch's image ids, in the order they joined it; pass `next` as `after` for the next page
         * @description Requires the `batches.manage` permission.
         */
        get: operations["getWorkspaceProjectAnnotationBatchesBatchImages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/annotation-batches/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Merge batches (their images and jobs) into an existing batch (`targetBatchId`) or a new one (`name`); the sources are removed
         * @description Requires the `batches.manage` permission.
         */
        post: operations["postWorkspaceProjectAnnotationBatchesMerge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List jobs the caller may see, by `labeler`, `reviewer`, `status` or `overdue=true`; with `limit` (and `after`, the `next` of the page before) a page at a time
         * @description Requires the `jobs.read` permission.
         */
        get: operations["getWorkspaceProjectJobs"];
        put?: never;
        /**
         * Create a labeling job (Roboflow-compatible)
         * @description Requires the `jobs.manage` permission.
         */
        post: operations["postWorkspaceProjectJobs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/job-board": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The jobs board: jobs (filtered and paged as the job list) with due state and time in their current stage, and a summary per labeler
         * @description Requires the `jobs.read` permission.
         */
        get: operations["getWorkspaceProjectJobBoard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/jobs/{job}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a job
         * @description Requires the `jobs.read` permission.
         */
        get: operations["getWorkspaceProjectJobsJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename a job, change its instructions, or set (ISO time) or clear (null) its due date
         * @description Requires the `jobs.manage` permission.
         */
        patch: operations["patchWorkspaceProjectJobsJob"];
        trace?: never;
    };
    "/{workspace}/{project}/jobs/{job}/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The job's state: status, counts, and when it entered each stage
         * @description Requires the `jobs.read` permission.
         */
        get: operations["getWorkspaceProjectJobsJobState"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/jobs/{job}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a job; its open images return to the batch
         * @description Requires the `jobs.manage` permission.
         */
        post: operations["postWorkspaceProjectJobsJobCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/reports/labelers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Per labeler: images labeled, approved, rejected, rework rounds and rate, skips, median and p90 seconds per image; over the project's life, or the UTC days `from` to `to` (YYYY-MM-DD)
         * @description Requires the `jobs.manage` permission.
         */
        get: operations["getWorkspaceProjectReportsLabelers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/reports/reviewers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Per reviewer: images reviewed, approved, rejected, and the rejection rate; over the project's life, or the UTC days `from` to `to`
         * @description Requires the `jobs.manage` permission.
         */
        get: operations["getWorkspaceProjectReportsReviewers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/jobs/{job}/next": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reserve the next image of the label stream (`except`: other than the one the caller is on, and those it submitted unanswered, to fetch it ahead)
         * @description Requires the `labeling.work` permission.
         */
        post: operations["postWorkspaceProjectJobsJobNext"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/jobs/{job}/images/{image}/annotation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Save a draft or submit an annotation (honours `Idempotency-Key`)
         * @description Requires the `labeling.work` permission.
         */
        put: operations["putWorkspaceProjectJobsJobImagesImageAnnotation"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/jobs/{job}/images/{image}/skip": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Skip an image: it leaves the label stream, and managers see it as skipped
         * @description Requires the `labeling.work` permission.
         */
        post: operations["postWorkspaceProjectJobsJobImagesImageSkip"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/jobs/{job}/images/{image}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve or reject a submitted image (honours `Idempotency-Key`)
         * @description Requires the `review.work` permission.
         */
        post: operations["postWorkspaceProjectJobsJobImagesImageReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/jobs/{job}/review/next": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Review mode: the next submitted image after stream position `after`, with the shapes its labeler submitted (204 when none waits); pass its `position` as `after` for the one after it
         * @description Requires the `review.work` permission.
         */
        get: operations["getWorkspaceProjectJobsJobReviewNext"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/jobs/{job}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Review mode: a page of the submitted images after stream position `after`, each with its labeler's shapes; pass `next` as `after` for the next page
         * @description Requires the `review.work` permission.
         */
        get: operations["getWorkspaceProjectJobsJobReview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/dataset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A page of the project's dataset: approved images with their approved annotations; pass `next` as `after` for the next page
         * @description Requires the `dataset.read` permission.
         */
        get: operations["getWorkspaceProjectDataset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/jobs/{job}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept images into the dataset with their splits (one split, `keep`, or percentages or counts drawn by a seed); `annotated` among `statuses` adds unreviewed images early
         * @description Requires the `jobs.manage` permission.
         */
        post: operations["postWorkspaceProjectJobsJobAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/jobs/{job}/send-back": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send selected images back to unannotated (skipped ones re-enter the stream); images in the dataset stay
         * @description Requires the `jobs.manage` permission.
         */
        post: operations["postWorkspaceProjectJobsJobSendBack"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/jobs/{job}/move": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move selected images to another running job of the project (`to`), or back to their batch (`to: null`)
         * @description Requires the `jobs.manage` permission.
         */
        post: operations["postWorkspaceProjectJobsJobMove"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/jobs/{job}/reassign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Name a new labeler and/or reviewer; both are told, and the old labeler's reserved images are released
         * @description Requires the `jobs.manage` permission.
         */
        post: operations["postWorkspaceProjectJobsJobReassign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/jobs/{job}/escalated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Images past the project's rework round limit, waiting on a manager (send them back to resume)
         * @description Requires the `jobs.manage` permission.
         */
        get: operations["getWorkspaceProjectJobsJobEscalated"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The dataset's versions, newest first
         * @description Requires the `dataset.read` permission.
         */
        get: operations["getWorkspaceProjectVersions"];
        put?: never;
        /**
         * Make a version of the dataset as it stands (an immutable snapshot), with optional preprocessing (resize with a fit mode, auto-orient, class remap and drop) applied to its exports; answers at once, follow `progress` at `versions/{version}`
         * @description Requires the `dataset.read` permission.
         */
        post: operations["postWorkspaceProjectVersions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A version: status, progress (images done of total), splits, classes
         * @description Requires the `dataset.read` permission.
         */
        get: operations["getWorkspaceProjectVersionsVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/versions/{version}/exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Export a version (COCO, YOLO detection or segmentation, Pascal VOC, or class folders), with images or labels only; the same export asked twice is the same export (200 once ready, 202 while it is built)
         * @description Requires the `dataset.read` permission.
         */
        post: operations["postWorkspaceProjectVersionsVersionExports"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/versions/{version}/exports/{export}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An export: status, progress (images done of total), size and sha256
         * @description Requires the `dataset.read` permission.
         */
        get: operations["getWorkspaceProjectVersionsVersionExportsExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/versions/{version}/exports/{export}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The export's zip, with Content-Length, an ETag and Repr-Digest (its sha256), and byte ranges (`Range`, `If-Range`)
         * @description Requires the `dataset.read` permission.
         */
        get: operations["getWorkspaceProjectVersionsVersionExportsExportDownload"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a member and email them a one-time sign-in link (no API key is issued)
         * @description Requires the `members.manage` permission.
         */
        post: operations["postWorkspaceInvitations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/sign-in-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Email a one-time sign-in link to a member (answers the same for any address)
         * @description Needs no key or session.
         */
        post: operations["postWorkspaceSignInLinks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Redeem a sign-in link: sets the HttpOnly session cookie and returns the CSRF token
         * @description Needs no key or session.
         */
        post: operations["postWorkspaceSessions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller and how they came: with a session, its CSRF token and end
         * @description Requires the `workspace.read` permission.
         */
        get: operations["getWorkspaceSession"];
        put?: never;
        post?: never;
        /**
         * Sign out: ends the session and clears its cookie (nothing to end for an API key)
         * @description Requires the `workspace.read` permission.
         */
        delete: operations["deleteWorkspaceSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roboflow's key check: the workspace the key belongs to
         * @description Requires the `workspace.read` permission.
         */
        post: operations["post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The workspace and its projects, as Roboflow's `Workspace` reads them
         * @description Requires the `workspace.read` permission.
         */
        get: operations["getWorkspace"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A project as Roboflow's `Project` reads it
         * @description Requires the `projects.read` permission.
         */
        get: operations["getWorkspaceProject"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dataset/{project}/upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roboflow's upload: one `file` into the batch named by `batch` (made when absent); `{success, id}`, or `{duplicate, id}` for an image the project has
         * @description Requires the `images.upload` permission.
         */
        post: operations["postDatasetProjectUpload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dataset/{project}/annotate/{image}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roboflow's save_annotation: a YOLO, Pascal VOC or COCO file (or a class name) submitted in the image's job; `prediction=true` saves a draft
         * @description Requires the `labeling.work` permission.
         */
        post: operations["postDatasetProjectAnnotateImage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/annotation-jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A page of the jobs the caller may see, oldest first (empty ones only with `showEmpty=true`); pass `next` as `after` for the next page
         * @description Requires the `jobs.read` permission.
         */
        get: operations["getWorkspaceProjectAnnotationJobs"];
        put?: never;
        /**
         * Create a job from a batch (every unassigned image unless `numImages`), as POST jobs does
         * @description Requires the `jobs.manage` permission.
         */
        post: operations["postWorkspaceProjectAnnotationJobs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/annotation-jobs/{job}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a job (the same shape as GET jobs/:job)
         * @description Requires the `jobs.read` permission.
         */
        get: operations["getWorkspaceProjectAnnotationJobsJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change exactly one of the job's labeler, reviewer or instructions (as POST jobs/:job/reassign and PATCH jobs/:job)
         * @description Requires the `jobs.manage` permission.
         */
        patch: operations["patchWorkspaceProjectAnnotationJobsJob"];
        trace?: never;
    };
    "/{workspace}/{project}/annotation-jobs/{job}/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A page of the job's image ids in stream order; pass `next` as `after` for the next page
         * @description Requires the `jobs.read` permission.
         */
        get: operations["getWorkspaceProjectAnnotationJobsJobImages"];
        put?: never;
        /**
         * Move listed images from the jobs they are in into this job (as POST jobs/:job/move); images in no job are listed in `skipped`
         * @description Requires the `jobs.manage` permission.
         */
        post: operations["postWorkspaceProjectAnnotationJobsJobImages"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/annotation-jobs/{job}/images/{image}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Review one submitted image: `approved`, or `rejected` (back to its labeler with a fixed reason)
         * @description Requires the `review.work` permission.
         */
        post: operations["postWorkspaceProjectAnnotationJobsJobImagesImageStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/annotation-jobs/{job}/images/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Review every submitted (`currentStatus: annotated`) image of the job at once
         * @description Requires the `review.work` permission.
         */
        post: operations["postWorkspaceProjectAnnotationJobsJobImagesStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/annotation-jobs/{job}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept the job's images into the dataset: `splitMethod` train, valid or test (one split), preset (keep), or split (by the three counts)
         * @description Requires the `jobs.manage` permission.
         */
        post: operations["postWorkspaceProjectAnnotationJobsJobAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/annotation-jobs/{job}/submit-review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A job is in review once nothing is left to label or rework: answers the job then, 409 with what is left otherwise
         * @description Requires the `jobs.manage` permission.
         */
        post: operations["postWorkspaceProjectAnnotationJobsJobSubmitReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/annotation-jobs/{job}/return-edits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send every submitted, unreviewed image back to unannotated, with a new labeler when `newLabelerEmail` names one
         * @description Requires the `jobs.manage` permission.
         */
        post: operations["postWorkspaceProjectAnnotationJobsJobReturnEdits"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/annotation-jobs/{job}/annotations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Clear the annotations of every image of the job not in the dataset: each gets an empty latest version (earlier ones stay, to revert to) and goes back to unannotated
         * @description Requires the `jobs.manage` permission.
         */
        delete: operations["deleteWorkspaceProjectAnnotationJobsJobAnnotations"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/annotation-jobs/reassign-images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take listed images out of their jobs into a new batch and make a new job of them (reviewer kept unless named)
         * @description Requires the `jobs.manage` permission.
         */
        post: operations["postWorkspaceProjectAnnotationJobsReassignImages"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/annotation-jobs/{job}/move-to-unassigned": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the job (Tessera's cancel): its open images return to their batch, unassigned
         * @description Requires the `jobs.manage` permission.
         */
        post: operations["postWorkspaceProjectAnnotationJobsJobMoveToUnassigned"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every change in the project, newest first unless `order=oldest`; filter by `kind`, `actor`, `since`; pass `next` as `after` for the next page (a page may hold fewer than `limit` when matches are rare)
         * @description Requires the `jobs.manage` permission.
         */
        get: operations["getWorkspaceProjectTimeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/jobs/{job}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every change to the job and its images, newest first unless `order=oldest`; filter by `kind`, `actor`, `since`; pass `next` as `after` for the next page (a page may hold fewer than `limit` when matches are rare)
         * @description Requires the `jobs.read` permission.
         */
        get: operations["getWorkspaceProjectJobsJobTimeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/images/{image}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every change to the image, newest first unless `order=oldest`; filter by `kind`, `actor`, `since`; pass `next` as `after` for the next page (a page may hold fewer than `limit` when matches are rare)
         * @description Requires the `jobs.read` permission.
         */
        get: operations["getWorkspaceProjectImagesImageTimeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/images/{image}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The image's comment threads, oldest first, with replies, edit history and deletions
         * @description Requires the `jobs.read` permission.
         */
        get: operations["getWorkspaceProjectImagesImageComments"];
        put?: never;
        /**
         * Comment on the image, or reply to a thread (`replyTo`); `@email` mentions of members who can see the image mail them once
         * @description Requires the `jobs.read` permission.
         */
        post: operations["postWorkspaceProjectImagesImageComments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/images/{image}/comments/{comment}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a comment (its author or a manager): it stays in the thread, marked deleted, its text in its history
         * @description Requires the `jobs.read` permission.
         */
        delete: operations["deleteWorkspaceProjectImagesImageCommentsComment"];
        options?: never;
        head?: never;
        /**
         * Edit one's own comment; the earlier text stays in its history
         * @description Requires the `jobs.read` permission.
         */
        patch: operations["patchWorkspaceProjectImagesImageCommentsComment"];
        trace?: never;
    };
    "/{workspace}/{project}/images/{image}/comments/{comment}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve (or, with `resolved: false`, reopen) the thread of a comment
         * @description Requires the `jobs.read` permission.
         */
        post: operations["postWorkspaceProjectImagesImageCommentsCommentResolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/images/{image}/revert": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revert the image's annotation to an earlier version of its job: the shapes become a new version (a draft while the image is open; a manager may revert a submitted or approved one too)
         * @description Requires the `jobs.read` permission.
         */
        post: operations["postWorkspaceProjectImagesImageRevert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The project's webhooks (secrets never shown)
         * @description Requires the `jobs.manage` permission.
         */
        get: operations["getWorkspaceProjectWebhooks"];
        put?: never;
        /**
         * Register a URL for events of the given kinds from now on; the answer shows the signing secret, once
         * @description Requires the `jobs.manage` permission.
         */
        post: operations["postWorkspaceProjectWebhooks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/webhooks/{hook}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One webhook
         * @description Requires the `jobs.manage` permission.
         */
        get: operations["getWorkspaceProjectWebhooksHook"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook: no more deliveries
         * @description Requires the `jobs.manage` permission.
         */
        delete: operations["deleteWorkspaceProjectWebhooksHook"];
        options?: never;
        head?: never;
        /**
         * Change the URL, kinds or description; `enabled: false` stops deliveries, `true` resumes them where they stopped
         * @description Requires the `jobs.manage` permission.
         */
        patch: operations["patchWorkspaceProjectWebhooksHook"];
        trace?: never;
    };
    "/{workspace}/{project}/webhooks/{hook}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new signing secret, shown once; for 24 hours deliveries carry a second signature with the old one
         * @description Requires the `jobs.manage` permission.
         */
        post: operations["postWorkspaceProjectWebhooksHookRotateSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/webhooks/{hook}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Deliveries newest first with every attempt (status code or error, time); filter by `status`; pass `next` as `after`
         * @description Requires the `jobs.manage` permission.
         */
        get: operations["getWorkspaceProjectWebhooksHookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/webhooks/{hook}/deliveries/{delivery}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivery again now (a failed one, or any), recording the attempt
         * @description Requires the `jobs.manage` permission.
         */
        post: operations["postWorkspaceProjectWebhooksHookDeliveriesDeliveryReplay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a labeled dataset (one .zip `file`, `format` coco or yolo): checked whole first (400 naming each bad file, nothing imported), then its images go into a new batch and its annotations are submitted in a job of them for review, each image keeping its split; answers 202 once checked, follow it at `imports/{import}`
         * @description Requires the `jobs.manage` permission.
         */
        post: operations["postWorkspaceProjectImports"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workspace}/{project}/imports/{import}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An import: checking, importing, done or failed (with the problems, each naming its file); its batch, job and counts
         * @description Requires the `jobs.manage` permission.
         */
        get: operations["getWorkspaceProjectImportsImport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Every error answer has this shape. */
        Error: {
            error: {
                /** @enum {string} */
                code: "invalid_input" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "in_progress" | "too_large" | "unsupported_media_type" | "rate_limited" | "unavailable" | "internal";
                message: string;
                /** @description Machine-readable detail; for `invalid_input`, `fields` names each failing field. */
                details?: {
                    fields?: {
                        path: string;
                        message: string;
                    }[];
                };
            };
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "unavailable";
            /** @enum {string} */
            temporal: "ok" | "down";
            /** @enum {string} */
            mongo: "ok" | "down";
        };
        Member: {
            email: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "manager" | "labeler" | "reviewer";
            /** @description ISO 8601 time */
            created: string;
        };
        Project: {
            id: string;
            workspace: string;
            name: string;
            /** @enum {string} */
            type: "object-detection" | "instance-segmentation" | "classification";
            classes: string[];
            maxReworkRounds: number;
            reviewAfterRevert: boolean;
            /** @description ISO 8601 time */
            created: string;
        };
        Upload: {
            id: string;
            /** @enum {string} */
            status: "checking" | "processing" | "done";
            progress: {
                done: number;
                total: number;
            };
            batch?: {
                id: string;
                name: string;
            };
            images?: {
                id: string;
                name: string;
                width: number;
                height: number;
                duplicate: boolean;
            }[];
            errors?: {
                name: string;
                code: string;
                message: string;
            }[];
        };
        ImageRow: {
            id: string;
            name: string;
            width: number;
            height: number;
            batch: string | null;
            job: string | null;
            /** @description In its job; null when in none */
            state: string | null;
            classes: string[];
            /** @description Whether its thumbnail is ready */
            thumbnail: boolean;
            /** @description ISO 8601 time */
            uploadedAt: string;
        };
        Batch: {
            id: string;
            name: string;
            priority: number;
            status: string;
            numImages: number;
            images: number;
            numJobs: number;
            counts: {
                unassigned: number;
                unannotated: number;
                annotated: number;
                approved: number;
                rejected: number;
            };
            /** @description Roboflow's timestamp shape */
            uploaded: {
                _seconds: number;
                _nanoseconds: number;
            };
            /** @description Uploads into the batch still being processed */
            ingestion: {
                uploads: number;
                done: number;
                total: number;
            };
            /** @description While the request that created the batch is still moving its images in: pages of 1,000 ids done of total */
            filling: {
                done: number;
                total: number;
            } | null;
        };
        /** @description A labeling job, in Roboflow's shape; the four counts partition numImages */
        Job: {
            id: string;
            name: string;
            project: string;
            owner: string;
            createdBy: string;
            /** @description `<project>/<batch id>` */
            sourceBatch: string;
            labeler: string;
            reviewer: string;
            numImages: number;
            unannotated: number;
            annotated: number;
            approved: number;
            rejected: number;
            /** @enum {string} */
            status: "assigned" | "review" | "complete" | "cancelled";
            instructionsText?: string;
            /** @description Roboflow's timestamp shape */
            created: {
                _seconds: number;
                _nanoseconds: number;
            };
            dueAt?: string | null;
        };
        BoardEntry: {
            id: string;
            name: string;
            project: string;
            owner: string;
            createdBy: string;
            /** @description `<project>/<batch id>` */
            sourceBatch: string;
            labeler: string;
            reviewer: string;
            numImages: number;
            unannotated: number;
            annotated: number;
            approved: number;
            rejected: number;
            /** @enum {string} */
            status: "assigned" | "review" | "complete" | "cancelled";
            instructionsText?: string;
            /** @description Roboflow's timestamp shape */
            created: {
                _seconds: number;
                _nanoseconds: number;
            };
            dueAt: string | null;
            inDataset: number;
            overdue: boolean;
            stage: {
                status: string;
                /** @description ISO 8601 time */
                enteredAt: string;
                /** @description How long the job has been in its stage */
                seconds: number;
            };
        };
        LabelerReport: {
            /** @description With a range: its first day */
            from?: string;
            to?: string;
            labelers: {
                email: string;
                labeled: number;
                approved: number;
                rejected: number;
                reworkRounds: number;
                skips: number;
                reworkRate: number | null;
                medianSecondsPerImage: number | null;
                p90SecondsPerImage: number | null;
            }[];
            /** @description With a range: each day's sums */
            days?: {
                day: string;
                labeled: number;
                approved: number;
                rejected: number;
                reworkRounds: number;
                skips: number;
                reworkRate: number | null;
                medianSecondsPerImage: number | null;
                p90SecondsPerImage: number | null;
            }[];
        };
        ReviewerReport: {
            /** @description With a range: its first day */
            from?: string;
            to?: string;
            reviewers: {
                email: string;
                reviewed: number;
                approved: number;
                rejected: number;
                rejectRate: number | null;
            }[];
            /** @description With a range: each day's sums */
            days?: {
                day: string;
                reviewed: number;
                approved: number;
                rejected: number;
                rejectRate: number | null;
            }[];
        };
        /** @description The image leased to the caller, with its latest annotation and why it came back */
        NextImage: {
            image: {
                id: string;
                name: string;
                width: number;
                height: number;
            };
            /** @description ISO 8601 time */
            leaseExpiresAt: string;
            rework?: {
                round: number;
                reason?: string | null;
            };
            annotation?: {
                version: number;
                draft: boolean;
                annotations: components["schemas"]["Shape"][];
            } | null;
        };
        /** @description One region: a box, a polygon, or neither (a tag of the whole image) */
        Shape: {
            class: string;
            box?: {
                x: number;
                y: number;
                width: number;
                height: number;
            };
            polygon?: [
                number,
                number
            ][];
        };
        ToReview: {
            image: {
                id: string;
                name: string;
                width: number;
                height: number;
            };
            /** @description Its place in the review stream (`after=`) */
            position: number;
            round: number;
            annotation: {
                version: number;
                author: string | null;
                annotations: components["schemas"]["Shape"][];
            };
        };
        DatasetPage: {
            count: number;
            splits: {
                [key: string]: number;
            };
            images: {
                id: string;
                name: string;
                width: number;
                height: number;
                split?: string | null;
                version: number;
                annotations: components["schemas"]["Shape"][];
            }[];
            next: number | null;
        };
        Version: {
            id: number;
            status: string;
            progress: {
                done: number;
                total: number;
            };
            images: number | null;
            splits?: {
                [key: string]: number;
            } | null;
            classes?: string[];
            createdBy?: string;
            /** @description ISO 8601 time */
            created?: string;
        };
        Export: {
            id: string;
            version: number;
            format: string;
            images: boolean;
            status: string;
            progress: {
                done: number;
                total: number;
            };
            bytes?: number;
            sha256?: string;
            error?: string;
            download: string | null;
        };
        Session: {
            email: string;
            /** @enum {string} */
            role: "owner" | "admin" | "manager" | "labeler" | "reviewer";
            /** @enum {string} */
            via?: "session" | "api_key";
            /** @description Send it as `X-CSRF-Token` on unsafe methods */
            csrfToken?: string;
            /** @description ISO 8601 time */
            expiresAt?: string;
        };
        TimelineEvent: {
            id: string;
            seq: number;
            kind: string;
            actor: string;
            /** @description ISO 8601 time */
            at: string;
            job?: string;
            batch?: string;
            image?: string;
            data?: {
                [key: string]: unknown;
            };
        };
        CommentThread: {
            id: number;
            thread: number;
            author: string;
            text: string | null;
            /** @description ISO 8601 time */
            createdAt: string;
            editedAt: string | null;
            deletedAt: string | null;
            deletedBy: string | null;
            resolvedAt: string | null;
            resolvedBy: string | null;
            history: {
                text: string;
                /** @description ISO 8601 time */
                at: string;
            }[];
            replies: components["schemas"]["Comment"][];
        };
        Comment: {
            id: number;
            thread: number;
            author: string;
            text: string | null;
            /** @description ISO 8601 time */
            createdAt: string;
            editedAt: string | null;
            deletedAt: string | null;
            deletedBy: string | null;
            resolvedAt: string | null;
            resolvedBy: string | null;
            history: {
                text: string;
                /** @description ISO 8601 time */
                at: string;
            }[];
        };
        Reverted: {
            imageId: string;
            /** @description The new version, holding the shapes of `revertedFrom` */
            version: number;
            revertedFrom: number;
            draft: boolean;
            state: string;
            annotations: components["schemas"]["Shape"][];
        };
    };
    responses: {
        /** @description Invalid input: the body, a parameter or a field failed validation (`invalid_input`) */
        400: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No API key, or the key is not valid (`unauthorized`) */
        401: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The caller's role does not allow this (`forbidden`) */
        403: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No such workspace, project, job or image, or not visible to the caller (`not_found`) */
        404: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The request conflicts with the current state (`conflict`), or one with the same `Idempotency-Key` is still being answered (`in_progress`: send it again later) */
        409: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The body or an uploaded file is too large (`too_large`) */
        413: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Wrong Content-Type for this route (`unsupported_media_type`) */
        415: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Too many requests (`rate_limited`) */
        429: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Internal error (`internal`) */
        500: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description A backing service did not answer in time (`unavailable`); the request may still complete */
        503: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description All up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description A backing service is down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI 3.1 document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
        };
    };
    getWorkspaceMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        members: components["schemas"]["Member"][];
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    /** @enum {string} */
                    role: "owner" | "admin" | "manager" | "labeler" | "reviewer";
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceMe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceMeKeysRotate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    deleteWorkspaceMembersEmail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                email: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    patchWorkspaceMembersEmail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                email: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role?: "owner" | "admin" | "manager" | "labeler" | "reviewer";
                    name?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceMembersEmailKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                email: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceMembersEmailKeysRotate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                email: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceKeys: {
        parameters: {
            query?: {
                email?: string;
            };
            header?: never;
            path: {
                workspace: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    deleteWorkspaceKeysPrefix: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                prefix: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceAudit: {
        parameters: {
            query?: {
                limit?: number;
                before?: string;
            };
            header?: never;
            path: {
                workspace: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjects: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        projects: components["schemas"]["Project"][];
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjects: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    id: string;
                    name: string;
                    /** @enum {string} */
                    type: "object-detection" | "instance-segmentation" | "classification";
                    classes: string[];
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectsProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    patchWorkspaceProjectsProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    classes?: string[];
                    maxReworkRounds?: number;
                    reviewAfterRevert?: boolean;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectImages: {
        parameters: {
            query?: {
                batch?: string;
                job?: string;
                state?: "unassigned" | "unannotated" | "annotated" | "approved" | "rejected";
                labeler?: string;
                class?: string;
                namePrefix?: string;
                uploadedFrom?: string;
                uploadedTo?: string;
                sort?: "uploaded" | "-uploaded" | "name" | "-name";
                limit?: number;
                after?: string;
            };
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        images: components["schemas"]["ImageRow"][];
                        /** @description How many images were looked at for this page */
                        examined: number;
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectImages: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** @description One part per image */
                    file: string[];
                    /** @description Add the images to this batch */
                    batch?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Upload"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectUploadsUpload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                upload: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Upload"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectImagesImageFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                image: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes, with a strong `ETag` and `Cache-Control: private, max-age=31536000, immutable` */
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "image/*": string;
                };
            };
            /** @description Not modified: `If-None-Match` names the current ETag */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectImagesImageThumbnail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                image: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes, with a strong `ETag` and `Cache-Control: private, max-age=31536000, immutable` */
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "image/*": string;
                };
            };
            /** @description Not modified: `If-None-Match` names the current ETag */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectImagesImagePreview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                image: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes, with a strong `ETag` and `Cache-Control: private, max-age=31536000, immutable` */
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "image/*": string;
                };
            };
            /** @description Not modified: `If-None-Match` names the current ETag */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectImagesImage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                image: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectBatches: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batches: components["schemas"]["Batch"][];
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectBatches: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    priority: number;
                    imageIds?: string[];
                    sourceBatchId?: string;
                    sample?: {
                        size: number;
                        /** @enum {string} */
                        method: "random" | "ordered";
                        seed?: number;
                    };
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        priority: number;
                        numImages: number;
                        /** @description Images asked for that could not be taken, with why */
                        excluded: unknown[];
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectBatchesBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                batch: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Batch"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectBatchesBatchFill: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                batch: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "filling" | "filled";
                        /** @description Pages of 1,000 requested ids moved, of total */
                        progress: {
                            done: number;
                            total: number;
                        };
                        /** @description Once filled: the answer POST batches gives */
                        result: {
                            id: string;
                            name: string;
                            priority: number;
                            numImages: number;
                            /** @description Images asked for that could not be taken, with why */
                            excluded: unknown[];
                        } | null;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectBatchesBatchArchive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                batch: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectAnnotationBatches: {
        parameters: {
            query?: {
                limit?: number;
                after?: string;
                showEmpty?: "true" | "false";
            };
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectAnnotationBatches: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    sourceBatchId: string;
                    imageIds: string[];
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectAnnotationBatchesBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                batch: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    deleteWorkspaceProjectAnnotationBatchesBatch: {
        parameters: {
            query?: {
                permanent?: "true" | "false";
            };
            header?: never;
            path: {
                workspace: string;
                project: string;
                batch: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectAnnotationBatchesBatchImages: {
        parameters: {
            query?: {
                limit?: number;
                after?: string;
            };
            header?: never;
            path: {
                workspace: string;
                project: string;
                batch: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectAnnotationBatchesMerge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    sourceBatchIds: string[];
                    targetBatchId?: string;
                    name?: string;
                    priority?: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Batch"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectJobs: {
        parameters: {
            query?: {
                labeler?: string;
                reviewer?: string;
                status?: "assigned" | "review" | "complete" | "cancelled";
                overdue?: "true";
                limit?: number;
                after?: string;
            };
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jobs: components["schemas"]["Job"][];
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectJobs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string | null;
                    batch: string;
                    num_images?: number | null;
                    /** Format: email */
                    labelerEmail: string;
                    /** Format: email */
                    reviewerEmail: string;
                    instructions?: string;
                    instructionText?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectJobBoard: {
        parameters: {
            query?: {
                labeler?: string;
                reviewer?: string;
                status?: "assigned" | "review" | "complete" | "cancelled";
                overdue?: "true";
                limit?: number;
                after?: string;
            };
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jobs: components["schemas"]["BoardEntry"][];
                        next: string | null;
                        labelers: {
                            labeler: string;
                            jobs: number;
                            openJobs: number;
                            overdueJobs: number;
                            numImages: number;
                            unannotated: number;
                            annotated: number;
                            approved: number;
                            rejected: number;
                        }[];
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectJobsJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    patchWorkspaceProjectJobsJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    instructions?: string;
                    dueAt?: string | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectJobsJobState: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                        progress: {
                            unannotated: number;
                            annotated: number;
                            approved: number;
                            rejected: number;
                            numImages: number;
                            inDataset: number;
                        };
                        stageEnteredAt: {
                            [key: string]: string;
                        };
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectJobsJobCancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectReportsLabelers: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
            };
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabelerReport"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectReportsReviewers: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
            };
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewerReport"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectJobsJobNext: {
        parameters: {
            query?: {
                except?: string;
            };
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NextImage"];
                };
            };
            /** @description Nothing to return */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    putWorkspaceProjectJobsJobImagesImageAnnotation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
                image: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    annotations: {
                        class: string;
                        box?: {
                            x: number;
                            y: number;
                            width: number;
                            height: number;
                        };
                        polygon?: [
                            number,
                            number
                        ][];
                    }[];
                    draft?: boolean;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectJobsJobImagesImageSkip: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
                image: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectJobsJobImagesImageReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
                image: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    decision: "approve" | "reject";
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectJobsJobReviewNext: {
        parameters: {
            query?: {
                after?: number;
            };
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ToReview"];
                };
            };
            /** @description Nothing to return */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectJobsJobReview: {
        parameters: {
            query?: {
                after?: number;
                limit?: number;
            };
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        images: components["schemas"]["ToReview"][];
                        next: number | null;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectDataset: {
        parameters: {
            query?: {
                limit?: number;
                after?: number;
                split?: "train" | "valid" | "test";
            };
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetPage"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectJobsJobAccept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    imageIds?: string[];
                    statuses?: ("approved" | "annotated")[];
                    /** @enum {string} */
                    split?: "train" | "valid" | "test" | "keep";
                    splits?: {
                        train: number;
                        valid: number;
                        test: number;
                    };
                    /** @enum {string} */
                    mode?: "percent" | "count";
                    seed?: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectJobsJobSendBack: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    imageIds: string[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectJobsJobMove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    imageIds: string[];
                    to: string | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectJobsJobReassign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    labelerEmail?: string;
                    /** Format: email */
                    reviewerEmail?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectJobsJobEscalated: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        versions: components["schemas"]["Version"][];
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    preprocessing: {
                        autoOrient?: boolean;
                        resize?: {
                            width: number;
                            height: number;
                            /** @enum {string} */
                            fit: "stretch" | "fill" | "fit" | "fit-black" | "fit-white";
                        };
                        classes?: {
                            remap?: {
                                [key: string]: string;
                            };
                            drop?: string[];
                        };
                    };
                };
            };
        };
        responses: {
            /** @description OK */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Version"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectVersionsVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Version"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectVersionsVersionExports: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    format: "coco" | "yolo" | "yolo-seg" | "voc" | "folders";
                    /** @default true */
                    images?: boolean;
                };
            };
        };
        responses: {
            /** @description OK */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Export"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectVersionsVersionExportsExport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                version: string;
                export: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Export"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectVersionsVersionExportsExportDownload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                version: string;
                export: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes, with a strong `ETag` and `Cache-Control: private, max-age=31536000, immutable` */
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "image/*": string;
                };
            };
            /** @description Not modified: `If-None-Match` names the current ETag */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceInvitations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    /** @enum {string} */
                    role: "owner" | "admin" | "manager" | "labeler" | "reviewer";
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceSignInLinks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                };
            };
        };
        responses: {
            /** @description OK */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceSessions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    deleteWorkspaceSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postDatasetProjectUpload: {
        parameters: {
            query?: {
                batch?: string;
                image?: string;
            };
            header?: never;
            path: {
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** @description One part per image */
                    file: string[];
                    /** @description Add the images to this batch */
                    batch?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postDatasetProjectAnnotateImage: {
        parameters: {
            query: {
                name: string;
                prediction?: "true" | "false";
            };
            header?: never;
            path: {
                project: string;
                image: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    annotationFile: string;
                    labelmap?: ({
                        [key: string]: string;
                    } | string[]) | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectAnnotationJobs: {
        parameters: {
            query?: {
                limit?: number;
                after?: string;
                showEmpty?: "true" | "false";
            };
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectAnnotationJobs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    batchId: string;
                    /** Format: email */
                    labelerEmail: string;
                    /** Format: email */
                    reviewerEmail: string;
                    name?: string;
                    numImages?: number;
                    instructions?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectAnnotationJobsJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    patchWorkspaceProjectAnnotationJobsJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    labelerEmail?: string;
                    /** Format: email */
                    reviewerEmail?: string;
                    instructions?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectAnnotationJobsJobImages: {
        parameters: {
            query?: {
                limit?: number;
                after?: number;
            };
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectAnnotationJobsJobImages: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    imageIds: string[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectAnnotationJobsJobImagesImageStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
                image: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    status: "approved" | "rejected";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectAnnotationJobsJobImagesStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    status: "approved" | "rejected";
                    /** @enum {string} */
                    currentStatus: "annotated";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectAnnotationJobsJobAccept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    splitMethod: "preset" | "split" | "train" | "valid" | "test";
                    statusesToInclude: ("approved" | "annotated")[];
                    trainCount: number;
                    validCount: number;
                    testCount: number;
                    imageIds?: string[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectAnnotationJobsJobSubmitReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectAnnotationJobsJobReturnEdits: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    newLabelerEmail?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    deleteWorkspaceProjectAnnotationJobsJobAnnotations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectAnnotationJobsReassignImages: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    imageIds: string[];
                    /** Format: email */
                    labelerEmail: string;
                    /** Format: email */
                    reviewerEmail?: string;
                    instructions?: string;
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectAnnotationJobsJobMoveToUnassigned: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectTimeline: {
        parameters: {
            query?: {
                kind?: "upload.recorded" | "batch.created" | "batch.archived" | "batch.merged" | "batch.deleted" | "job.created" | "job.updated" | "job.images_accepted" | "job.images_sent_back" | "job.images_moved" | "job.reassigned" | "image.leased" | "image.draft_saved" | "image.submitted" | "image.skipped" | "image.approved" | "image.rejected" | "image.reverted" | "image.added_to_dataset" | "comment.created" | "comment.edited" | "comment.deleted" | "comment.resolved" | "version.created" | "export.created" | "member.invited" | "member.added" | "member.updated" | "member.removed" | "key.issued" | "key.revoked" | "key.rotated";
                actor?: string;
                since?: string;
                order?: "newest" | "oldest";
                limit?: number;
                after?: number;
            };
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: components["schemas"]["TimelineEvent"][];
                        next: string | number | null;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectJobsJobTimeline: {
        parameters: {
            query?: {
                kind?: "upload.recorded" | "batch.created" | "batch.archived" | "batch.merged" | "batch.deleted" | "job.created" | "job.updated" | "job.images_accepted" | "job.images_sent_back" | "job.images_moved" | "job.reassigned" | "image.leased" | "image.draft_saved" | "image.submitted" | "image.skipped" | "image.approved" | "image.rejected" | "image.reverted" | "image.added_to_dataset" | "comment.created" | "comment.edited" | "comment.deleted" | "comment.resolved" | "version.created" | "export.created" | "member.invited" | "member.added" | "member.updated" | "member.removed" | "key.issued" | "key.revoked" | "key.rotated";
                actor?: string;
                since?: string;
                order?: "newest" | "oldest";
                limit?: number;
                after?: number;
            };
            header?: never;
            path: {
                workspace: string;
                project: string;
                job: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: components["schemas"]["TimelineEvent"][];
                        next: string | number | null;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectImagesImageTimeline: {
        parameters: {
            query?: {
                kind?: "upload.recorded" | "batch.created" | "batch.archived" | "batch.merged" | "batch.deleted" | "job.created" | "job.updated" | "job.images_accepted" | "job.images_sent_back" | "job.images_moved" | "job.reassigned" | "image.leased" | "image.draft_saved" | "image.submitted" | "image.skipped" | "image.approved" | "image.rejected" | "image.reverted" | "image.added_to_dataset" | "comment.created" | "comment.edited" | "comment.deleted" | "comment.resolved" | "version.created" | "export.created" | "member.invited" | "member.added" | "member.updated" | "member.removed" | "key.issued" | "key.revoked" | "key.rotated";
                actor?: string;
                since?: string;
                order?: "newest" | "oldest";
                limit?: number;
                after?: number;
            };
            header?: never;
            path: {
                workspace: string;
                project: string;
                image: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: components["schemas"]["TimelineEvent"][];
                        next: string | number | null;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectImagesImageComments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                image: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        threads: components["schemas"]["CommentThread"][];
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectImagesImageComments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                image: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    text: string;
                    replyTo?: number;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    deleteWorkspaceProjectImagesImageCommentsComment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                image: string;
                comment: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    patchWorkspaceProjectImagesImageCommentsComment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                image: string;
                comment: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    text: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectImagesImageCommentsCommentResolve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                image: string;
                comment: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default true */
                    resolved?: boolean;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectImagesImageRevert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                image: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    version: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reverted"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    kinds: ("upload.recorded" | "batch.created" | "batch.archived" | "batch.merged" | "batch.deleted" | "job.created" | "job.updated" | "job.images_accepted" | "job.images_sent_back" | "job.images_moved" | "job.reassigned" | "image.leased" | "image.draft_saved" | "image.submitted" | "image.skipped" | "image.approved" | "image.rejected" | "image.reverted" | "image.added_to_dataset" | "comment.created" | "comment.edited" | "comment.deleted" | "comment.resolved" | "version.created" | "export.created" | "member.invited" | "member.added" | "member.updated" | "member.removed" | "key.issued" | "key.revoked" | "key.rotated")[];
                    description?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectWebhooksHook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                hook: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    deleteWorkspaceProjectWebhooksHook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                hook: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    patchWorkspaceProjectWebhooksHook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                hook: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url?: string;
                    kinds?: ("upload.recorded" | "batch.created" | "batch.archived" | "batch.merged" | "batch.deleted" | "job.created" | "job.updated" | "job.images_accepted" | "job.images_sent_back" | "job.images_moved" | "job.reassigned" | "image.leased" | "image.draft_saved" | "image.submitted" | "image.skipped" | "image.approved" | "image.rejected" | "image.reverted" | "image.added_to_dataset" | "comment.created" | "comment.edited" | "comment.deleted" | "comment.resolved" | "version.created" | "export.created" | "member.invited" | "member.added" | "member.updated" | "member.removed" | "key.issued" | "key.revoked" | "key.rotated")[];
                    description?: string;
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectWebhooksHookRotateSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                hook: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectWebhooksHookDeliveries: {
        parameters: {
            query?: {
                status?: "pending" | "delivered" | "failed";
                limit?: number;
                after?: number;
            };
            header?: never;
            path: {
                workspace: string;
                project: string;
                hook: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectWebhooksHookDeliveriesDeliveryReplay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                hook: string;
                delivery: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    postWorkspaceProjectImports: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The dataset as one .zip: images with COCO .json files, or YOLO's data.yaml with images/ and labels/ folders
                     */
                    file: string;
                    /** @enum {string} */
                    format: "coco" | "yolo";
                    /** @description Name of the new batch the images go to (default: "Import of <file>") */
                    batch?: string;
                    /** @description Who the annotations are submitted as (default: the caller) */
                    labelerEmail?: string;
                    /** @description Who reviews them (default: the caller) */
                    reviewerEmail?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
    getWorkspaceProjectImportsImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                workspace: string;
                project: string;
                import: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            413: components["responses"]["413"];
            415: components["responses"]["415"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
            503: components["responses"]["503"];
        };
    };
}
