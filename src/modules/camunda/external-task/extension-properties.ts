import { Injectable } from '@nestjs/common';
import BpmnModdle, { ModdleElement } from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json';

import { Database } from '../../../infrastructure/persistence/database';
import { DefinitionRepository } from '../../../infrastructure/persistence/repositories/definition.repository';

type PropertiesByActivity = ReadonlyMap<string, Readonly<Record<string, string>>>;

const CACHE_LIMIT = 200;

/**
 * The camunda:properties of service tasks (what fetch-and-lock returns as `extensionProperties` when a
 * topic asks for them), read from the deployed BPMN XML. Definitions never change, so each one is parsed
 * once and remembered (a bounded number of them).
 */
@Injectable()
export class ExtensionPropertiesReader {
  private readonly cache = new Map<string, Promise<PropertiesByActivity>>();

  constructor(
    private readonly db: Database,
    private readonly definitions: DefinitionRepository,
  ) {}

  async of(processDefinitionId: string, activityId: string): Promise<Record<string, string>> {
    let entry = this.cache.get(processDefinitionId);
    if (!entry) {
      entry = this.load(processDefinitionId);
      if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(processDefinitionId, entry);
      entry.catch(() => this.cache.delete(processDefinitionId));
    }
    return { ...((await entry).get(activityId) ?? {}) };
  }

  private async load(processDefinitionId: string): Promise<PropertiesByActivity> {
    const xml = await this.db.read((sql) => this.definitions.xml(sql, processDefinitionId));
    const result = new Map<string, Record<string, string>>();
    if (!xml) return result;
    const { elementsById } = await new BpmnModdle({ camunda: camundaDescriptor }).fromXML(xml);
    for (const [id, element] of Object.entries(elementsById)) {
      const extensions = element.extensionElements as ModdleElement | undefined;
      for (const ext of (extensions?.values as ModdleElement[] | undefined) ?? []) {
        if (ext.$type !== 'camunda:Properties') continue;
        const properties: Record<string, string> = result.get(id) ?? {};
        for (const p of (ext.values as ModdleElement[] | undefined) ?? []) {
          if (typeof p.name === 'string') Object.defineProperty(properties, p.name, { value: String(p.value ?? ''), enumerable: true, writable: true, configurable: true });
        }
        result.set(id, properties);
      }
    }
    return result;
  }
}
