// Answers Cisco's own Pulsedive relay expects in its unit tests, to check the CTIM check against:
// CiscoSecurity/tr-05-serverless-pulsedive, code/tests/unit/payloads_for_tests.py at commit
// 43a14ed (2022-11-14, the last with unit tests), EXPECTED_PAYLOAD_OBSERVE (trimmed: 2 of its 5
// indicators and relationships, 3 of its 6 sightings), EXPECTED_PAYLOAD_OBSERVE_WITH_LIMIT and
// EXPECTED_PAYLOAD_REFER (its long url shortened). Cisco's test (code/tests/unit/api/test_enrich.py)
// pops the ids and the relationships' source_ref, target_ref and relationship_type before
// comparing: they are filled in here as that test asserts them (relationships from sightings to
// indicators, `sighting-of` or `member-of`). Data, copied as it is.

const ids = {
  judgement: 'transient:judgement-4c4f7d55-0d55-4b0f-9e58-2b0d7c1c0a01',
  indicators: ['transient:indicator-1b6bd4f5-5c3e-4b43-9d9f-0f3f0c4c0a02', 'transient:indicator-7f0c2f86-4a57-4a3c-8a8d-1d2e3f4a0a03'],
  sightings: [
    'transient:sighting-0b1c2d3e-4f50-4617-8293-a4b5c6d7e804',
    'transient:sighting-1c2d3e4f-5061-4728-93a4-b5c6d7e8f905',
    'transient:sighting-2d3e4f50-6172-4839-a4b5-c6d7e8f90a06',
  ],
  relationships: ['transient:relationship-3e4f5061-7283-494a-b5c6-d7e8f90a1b07', 'transient:relationship-4f506172-8394-4a5b-86d7-e8f90a1b2c08'],
};

const OBSERVABLE = { type: 'domain', value: 'parkingcrew.net' };

export const PULSEDIVE_OBSERVE = {
  data: {
    indicators: {
      count: 2,
      docs: [
        {
          id: ids.indicators[0],
          producer: 'Pulsedive',
          schema_version: '1.0.22',
          short_description: 'found in threat feeds',
          title: 'found in threat feeds',
          tlp: 'white',
          source: 'Pulsedive',
          type: 'indicator',
          valid_time: { end_time: '2020-06-30T20:47:36Z', start_time: '2020-03-31T14:47:36Z' },
        },
        {
          id: ids.indicators[1],
          producer: 'Pulsedive',
          schema_version: '1.0.22',
          severity: 'Medium',
          short_description: 'Threat: Kraken Botnet',
          title: 'Threat: Kraken Botnet',
          source_uri: 'https://pulsedive.com/threat/?tid=9',
          tags: ['malware'],
          tlp: 'white',
          source: 'Pulsedive',
          type: 'indicator',
          valid_time: { start_time: '2019-01-01T04:01:30Z' },
        },
      ],
    },
    judgements: {
      count: 1,
      docs: [{
        id: ids.judgement,
        confidence: 'Medium',
        disposition: 3,
        disposition_name: 'Suspicious',
        observable: OBSERVABLE,
        priority: 85,
        schema_version: '1.0.22',
        severity: 'Medium',
        source: 'Pulsedive',
        source_uri: 'https://pulsedive.com/indicator/?iid=118',
        tlp: 'white',
        type: 'judgement',
        valid_time: { end_time: '2020-06-30T20:47:36Z', start_time: '2020-03-31T14:47:36Z' },
      }],
    },
    relationships: {
      count: 2,
      docs: [
        {
          id: ids.relationships[0], source_ref: ids.sightings[0], target_ref: ids.indicators[0], relationship_type: 'member-of',
          schema_version: '1.0.22', tlp: 'white', type: 'relationship',
        },
        {
          id: ids.relationships[1], source_ref: ids.sightings[1], target_ref: ids.indicators[1], relationship_type: 'sighting-of',
          schema_version: '1.0.22', tlp: 'white', type: 'relationship',
        },
      ],
    },
    sightings: {
      count: 3,
      docs: [
        {
          id: ids.sightings[0],
          confidence: 'Medium',
          count: 1,
          description: 'found in threat feeds',
          observables: [OBSERVABLE],
          observed_time: { end_time: '2020-03-31T14:47:36Z', start_time: '2020-03-31T14:47:36Z' },
          schema_version: '1.0.22',
          severity: 'Medium',
          source: 'Pulsedive',
          source_uri: 'https://pulsedive.com/indicator/?iid=118',
          type: 'sighting',
        },
        {
          id: ids.sightings[1],
          confidence: 'Medium',
          count: 1,
          description: 'Threat: Kraken Botnet',
          observables: [OBSERVABLE],
          observed_time: { end_time: '2019-01-01T04:01:30Z', start_time: '2019-01-01T04:01:30Z' },
          schema_version: '1.0.22',
          severity: 'Medium',
          source: 'Pulsedive',
          source_uri: 'https://pulsedive.com/threat/?tid=9',
          type: 'sighting',
        },
        {
          id: ids.sightings[2],
          confidence: 'Medium',
          count: 1,
          description: 'Active DNS',
          observables: [OBSERVABLE],
          observed_time: { end_time: '2020-03-31T14:47:36Z', start_time: '2020-03-31T14:47:36Z' },
          // Not CTIM: CTIM's Sighting `relations` is a list of ObservedRelation (already in 1.0.22).
          relations: {
            'Active DNS': [{
              iid: 3,
              indicator: '187.191.98.202',
              risk: 'low',
              stamp_linked: '2019-06-22 10:46:47',
              summary: { properties: { geo: { country: 'Brazil', countrycode: 'BR', org: 'Mandic S.A.' } } },
              type: 'ip',
            }],
          },
          schema_version: '1.0.22',
          source: 'Pulsedive',
          source_uri: 'https://pulsedive.com/indicator/?iid=118',
          type: 'sighting',
        },
      ],
    },
    verdicts: {
      count: 1,
      docs: [{
        disposition: 3,
        disposition_name: 'Suspicious',
        observable: OBSERVABLE,
        type: 'verdict',
        valid_time: { end_time: '2020-06-30T20:47:36Z', start_time: '2020-03-31T14:47:36Z' },
      }],
    },
  },
};

export const PULSEDIVE_OBSERVE_WITH_LIMIT = {
  data: {
    indicators: { count: 1, docs: [PULSEDIVE_OBSERVE.data.indicators.docs[0]] },
    judgements: PULSEDIVE_OBSERVE.data.judgements,
    relationships: {
      count: 1,
      docs: [{
        id: ids.relationships[0], source_ref: ids.sightings[0], target_ref: ids.indicators[0], relationship_type: 'sighting-of',
        schema_version: '1.0.22', tlp: 'white', type: 'relationship',
      }],
    },
    sightings: { count: 1, docs: [PULSEDIVE_OBSERVE.data.sightings.docs[0]] },
    verdicts: PULSEDIVE_OBSERVE.data.verdicts,
  },
};

export const PULSEDIVE_REFER = {
  data: [
    {
      categories: ['Search', 'Pulsedive'],
      description: 'Lookup this domain on Pulsedive',
      id: 'ref-pulsedive-search-domain-cisco.com',
      title: 'Search for this domain',
      url: 'https://pulsedive.com/browse/?q=eyJ0eXBlIjpbImFydGlmYWN0IiwgImRvbWFpbiIsImlwIiwiaXB2NiIsInVybCJdfQ',
    },
    {
      categories: ['Browse', 'Pulsedive'],
      description: 'Browse this domain on Pulsedive',
      id: 'ref-pulsedive-detail-domain-parkingcrew.net',
      title: 'Browse domain',
      url: 'https://pulsedive.com/indicator/?iid=118',
    },
  ],
};
