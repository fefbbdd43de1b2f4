// Every route of the API, one file per area. Order is registration order.
import type { RouteSpec } from '../route';
import { annotationBatchRoutes } from './annotation-batches';
import { collectionRoutes } from './collection';
import { identityRoutes } from './identity';
import { imagesRoutes } from './images';
import { jobsRoutes } from './jobs';
import { jobCommandRoutes } from './job-commands';
import { labelingRoutes } from './labeling';
import { projectsRoutes } from './projects';
import { sessionsRoutes } from './sessions';
import { roboflowRoutes } from './roboflow';
import { roboflowAnnotationJobRoutes } from './roboflow-annotation-jobs';
import { uploadsRoutes } from './uploads';
import { versionsRoutes } from './versions';
import { timelineRoutes } from './timeline';
import { commentsRoutes } from './comments';
import { webhooksRoutes } from './webhooks';
import { importsRoutes } from './imports';

export const routes: RouteSpec[] = [...identityRoutes, ...projectsRoutes, ...uploadsRoutes, ...imagesRoutes, ...collectionRoutes, ...annotationBatchRoutes, ...jobsRoutes, ...labelingRoutes, ...jobCommandRoutes, ...versionsRoutes, ...sessionsRoutes, ...roboflowRoutes, ...roboflowAnnotationJobRoutes, ...timelineRoutes, ...commentsRoutes, ...webhooksRoutes, ...importsRoutes];
