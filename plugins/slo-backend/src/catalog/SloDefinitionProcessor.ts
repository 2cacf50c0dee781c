import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  processingResult,
  type CatalogProcessor,
  type CatalogProcessorEmit,
  type LocationSpec,
} from '@backstage/plugin-catalog-node';
import { formatSloIssues, sloDefinitionOf } from '@internal/plugin-slo-common';

/**
 * Rejects entities whose `spec.slo` is invalid, with a processing error that names each field
 * (`spec.slo.objective: must be a percentage greater than 0 and less than 100 ...`). The entity
 * is then not updated in the catalog and the error shows among its processing errors.
 */
export class SloDefinitionProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'SloDefinitionProcessor';
  }

  async preProcessEntity(entity: Entity, location: LocationSpec, emit: CatalogProcessorEmit): Promise<Entity> {
    const result = sloDefinitionOf(entity);
    if (result && !result.ok) {
      emit(
        processingResult.inputError(
          location,
          `Invalid spec.slo of ${stringifyEntityRef(entity)}: ${formatSloIssues(result.issues)}`,
        ),
      );
    }
    return entity;
  }
}
